import { availableParallelism } from 'node:os';
import { Option, type Command } from 'commander';
import { defaultKMeansOptions, type KMeansOptions } from '../kmeans/fit.js';
import { initMethods, type InitMethod } from '../kmeans/init.js';
import { matrixKinds, type MatrixKind } from '../matrix/transform.js';
import { choiceOption, intOption, numberOption } from './options.js';
import { inputOption, ratingRangeFlag, seedOption } from './shared-options.js';
import { formatRatingRange, type RatingRange } from '../matrix/rating-range.js';

/** What is clustered and how: the flags `fit` and `elbow` share (elbow takes a list of k on top). */
export interface KMeansCliOptions {
  input?: string;
  seed: number;
  init: InitMethod;
  nInit: number;
  maxIter: number;
  tol: number;
  matrix: MatrixKind;
  rows?: number;
  sample?: number;
  ratingRange?: RatingRange;
  readonly threads?: number;
}

/** `--matrix`: what k-means sees (fit, elbow, evaluate). */
export function matrixOption(): Option {
  return new Option('--matrix <kind>', 'what is clustered: ratings, binary (has rated) or centered (ratings minus the customer mean)')
    .choices(matrixKinds)
    .default('ratings')
    .argParser(choiceOption('--matrix', matrixKinds));
}

/** `--max-iter`: the cap on Lloyd iterations of one run (fit, elbow, evaluate). */
export function maxIterOption(): Option {
  return new Option('--max-iter <n>', 'most Lloyd iterations per run').argParser(intOption('--max-iter', 1)).default(defaultKMeansOptions.maxIter);
}

export function addKMeansOptions(cmd: Command, sampleHelp: string): Command {
  const d = defaultKMeansOptions;
  return cmd
    .addOption(inputOption())
    .addOption(seedOption())
    .addOption(new Option('--init <method>', 'initial centres').choices(initMethods).default(d.init).argParser(choiceOption('--init', initMethods)))
    .option('--n-init <n>', 'runs from different starts; the lowest inertia wins', intOption('--n-init', 1), d.nInit)
    .addOption(maxIterOption())
    .option('--tol <x>', 'stop when centres move less than this, relative to the mean variance', numberOption('--tol', 0), d.tol)
    .addOption(matrixOption())
    .option('--rows <n>', 'use the first N customers only', intOption('--rows', 1))
    .option('--sample <n>', sampleHelp, intOption('--sample', 1))
    .addOption(ratingRangeFlag());
}

/**
 * The one mapping from the CLI's flags to k-means options (fit, elbow, evaluate): flags a command does not take
 * keep k-means' defaults; --threads absent means every core.
 */
export function kmeansOptionsFrom(
  opts: Partial<Pick<KMeansCliOptions, 'seed' | 'init' | 'nInit' | 'maxIter' | 'tol' | 'threads'>>,
  extra: Partial<KMeansOptions> = {},
): Omit<KMeansOptions, 'k' | 'initialCenters'> & Partial<KMeansOptions> {
  const d = defaultKMeansOptions;
  return {
    seed: opts.seed ?? d.seed,
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
    ['--matrix', opts.matrix],
    ['--seed', opts.seed],
    ['--init', opts.init],
    ['--n-init', opts.nInit],
    ['--max-iter', opts.maxIter],
    ['--tol', opts.tol],
  ];
  if (opts.ratingRange !== undefined) rows.push(['--rating-range', formatRatingRange(opts.ratingRange)]);
  if (opts.rows !== undefined) rows.push(['--rows', opts.rows]);
  if (opts.sample !== undefined) rows.push(['--sample', opts.sample]);
  return rows;
}
