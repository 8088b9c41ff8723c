import { availableParallelism } from 'node:os';
import { Option, type Command } from 'commander';
import { algorithms, defaultKMeansOptions, type Algorithm, type KMeansOptions } from '../kmeans/fit.js';
import { initMethods, type InitMethod } from '../kmeans/init.js';
import type { CsrMatrix } from '../matrix/csr.js';
import { defaultRepresentationOptions, type RepresentationOptions } from '../matrix/representation.js';
import { matrixKinds, type MatrixKind } from '../matrix/transform.js';
import { messages } from '../messages.js';
import { usageError } from '../util/errors.js';
import { choiceOption, intOption, numberOption } from './options.js';
import { inputOption, ratingRangeFlag, seedOption } from './shared-options.js';
import { formatRatingRange, type RatingRange } from '../matrix/rating-range.js';

/** What k-means sees: the matrix kind, then an optional SVD embedding, then optional unit-length rows. */
export interface RepresentationCliOptions {
  matrix: MatrixKind;
  normalize?: boolean;
  embed?: number;
  /** Absent (a caller that builds options by hand): the SVD's default. */
  powerIterations?: number;
}

/** What is clustered and how: the flags `fit` and `elbow` share (elbow takes a list of k on top). */
export interface KMeansCliOptions extends RepresentationCliOptions {
  input?: string;
  seed: number;
  /** Absent (a caller that builds options by hand): lloyd. */
  algorithm?: Algorithm;
  batchSize?: number;
  init: InitMethod;
  nInit: number;
  maxIter: number;
  tol: number;
  rows?: number;
  sample?: number;
  ratingRange?: RatingRange;
  readonly threads?: number;
}

/** `--matrix`: what k-means sees (fit, elbow, evaluate; heatmap: what it colours). */
export function matrixOption(): Option {
  return new Option(
    '--matrix <kind>',
    'what is clustered: ratings, binary (has rated), centered (ratings minus the customer mean) or residual (ratings minus the baseline mu + b_u + b_i)',
  )
    .choices(matrixKinds)
    .default('ratings')
    .argParser(choiceOption('--matrix', matrixKinds));
}

/** `--embed <n>`: k-means on N SVD coordinates per customer (fit, elbow, evaluate). */
export function embedOption(): Option {
  return new Option(
    '--embed <n>',
    'cluster the customers in N dimensions of a randomized truncated SVD of the matrix (customer factor x singular value)',
  ).argParser(intOption('--embed', 1));
}

export function powerIterationsOption(): Option {
  return new Option(
    '--power-iterations <n>',
    "the SVD's power iterations (with --embed): more is more accurate, each one more pass over the ratings",
  )
    .argParser(intOption('--power-iterations', 0))
    .default(defaultRepresentationOptions.powerIterations);
}

export function normalizeOption(): Option {
  return new Option(
    '--normalize',
    'scale each customer vector to unit length before k-means (spherical k-means: cosine similarity)',
  );
}

/** --matrix, --embed, --power-iterations, --normalize: shared by fit, elbow and evaluate (predict takes them from the model). */
export function addRepresentationOptions(cmd: Command): Command {
  return cmd
    .addOption(matrixOption())
    .addOption(embedOption())
    .addOption(powerIterationsOption())
    .addOption(normalizeOption());
}

/** The representation the options ask for (seed and threads as the k-means run uses them). */
export function representationOptionsFrom(
  opts: RepresentationCliOptions,
  seed: number,
  threads: number,
): Partial<RepresentationOptions> {
  return {
    matrix: opts.matrix,
    normalize: Boolean(opts.normalize),
    embed: opts.embed ?? 0,
    powerIterations: opts.powerIterations ?? defaultRepresentationOptions.powerIterations,
    seed,
    threads,
  };
}

/** --embed N needs N <= customers and N <= movies. */
export function checkEmbed(opts: RepresentationCliOptions, m: Pick<CsrMatrix, 'nRows' | 'nCols'>): void {
  if (opts.embed !== undefined && opts.embed > Math.min(m.nRows, m.nCols))
    throw usageError(messages.embedTooLarge(opts.embed, m.nRows, m.nCols));
}

export function representationOptionRows(opts: RepresentationCliOptions): Array<[string, string | number]> {
  const rows: Array<[string, string | number]> = [['--matrix', opts.matrix]];
  if (opts.embed !== undefined)
    rows.push(
      ['--embed', opts.embed],
      ['--power-iterations', opts.powerIterations ?? defaultRepresentationOptions.powerIterations],
    );
  // a flag without a value: '' tells the argv builders to push the flag alone (see pushOptionRow)
  if (opts.normalize) rows.push(['--normalize', '']);
  return rows;
}

/** Appends one option row to an argv: `--flag value`, or the flag alone for a switch (value ''). */
export function pushOptionRow(argv: string[], flag: string, value: string | number): void {
  if (value === '') argv.push(flag);
  else argv.push(flag, String(value));
}

/** `--max-iter`: the cap on Lloyd iterations of one run (fit, elbow, evaluate). */
export function maxIterOption(): Option {
  return new Option('--max-iter <n>', 'most Lloyd iterations per run')
    .argParser(intOption('--max-iter', 1))
    .default(defaultKMeansOptions.maxIter);
}

/** `--algorithm`: the full fit or the mini-batch quick look (fit, elbow, scatter). */
export function algorithmOption(): Option {
  return new Option(
    '--algorithm <name>',
    "lloyd (the full fit) or minibatch (Sculley's mini-batch k-means: a quick look, then one exact assignment pass)",
  )
    .choices(algorithms)
    .default(defaultKMeansOptions.algorithm)
    .argParser(choiceOption('--algorithm', algorithms));
}

/** `--batch-size`: rows per batch of --algorithm minibatch. */
export function batchSizeOption(): Option {
  return new Option('--batch-size <n>', 'rows per batch with --algorithm minibatch (drawn with the seed)')
    .argParser(intOption('--batch-size', 1))
    .default(defaultKMeansOptions.batchSize);
}

export function addKMeansOptions(cmd: Command, sampleHelp: string): Command {
  const d = defaultKMeansOptions;
  return cmd
    .addOption(inputOption())
    .addOption(seedOption())
    .addOption(algorithmOption())
    .addOption(batchSizeOption())
    .addOption(
      new Option('--init <method>', 'initial centres')
        .choices(initMethods)
        .default(d.init)
        .argParser(choiceOption('--init', initMethods)),
    )
    .option('--n-init <n>', 'runs from different starts; the lowest inertia wins', intOption('--n-init', 1), d.nInit)
    .addOption(maxIterOption())
    .option(
      '--tol <x>',
      'stop when centres move less than this, relative to the mean variance',
      numberOption('--tol', 0),
      d.tol,
    )
    .addOption(matrixOption())
    .addOption(embedOption())
    .addOption(powerIterationsOption())
    .addOption(normalizeOption())
    .option('--rows <n>', 'use the first N customers only', intOption('--rows', 1))
    .option('--sample <n>', sampleHelp, intOption('--sample', 1))
    .addOption(ratingRangeFlag());
}

/**
 * The one mapping from the CLI's flags to k-means options (fit, elbow, evaluate): flags a command does not take
 * keep k-means' defaults; --threads absent means every core.
 */
export function kmeansOptionsFrom(
  opts: Partial<
    Pick<KMeansCliOptions, 'seed' | 'algorithm' | 'batchSize' | 'init' | 'nInit' | 'maxIter' | 'tol' | 'threads'>
  >,
  extra: Partial<KMeansOptions> = {},
): Omit<KMeansOptions, 'k' | 'initialCenters'> & Partial<KMeansOptions> {
  const d = defaultKMeansOptions;
  return {
    seed: opts.seed ?? d.seed,
    algorithm: opts.algorithm ?? d.algorithm,
    batchSize: opts.batchSize ?? d.batchSize,
    init: opts.init ?? d.init,
    nInit: opts.nInit ?? d.nInit,
    maxIter: opts.maxIter ?? d.maxIter,
    tol: opts.tol ?? d.tol,
    threads: opts.threads ?? availableParallelism(),
    onIteration: null,
    ...extra,
  };
}

/** The shared options as the report shows them and the reproducing command spells them (defaults included). */
export function kmeansOptionRows(opts: KMeansCliOptions): Array<[string, string | number]> {
  const rows: Array<[string, string | number]> = [
    ...representationOptionRows(opts),
    ['--seed', opts.seed],
    ['--init', opts.init],
    ['--n-init', opts.nInit],
    ['--max-iter', opts.maxIter],
    ['--tol', opts.tol],
  ];
  // lloyd's rows stay as they were before minibatch existed: reports and commands of the full fit do not change
  if (opts.algorithm === 'minibatch')
    rows.push(['--algorithm', opts.algorithm], ['--batch-size', opts.batchSize ?? defaultKMeansOptions.batchSize]);
  if (opts.ratingRange !== undefined) rows.push(['--rating-range', formatRatingRange(opts.ratingRange)]);
  if (opts.rows !== undefined) rows.push(['--rows', opts.rows]);
  if (opts.sample !== undefined) rows.push(['--sample', opts.sample]);
  return rows;
}
