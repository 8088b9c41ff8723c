import { availableParallelism } from 'node:os';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadRatings } from './load-ratings.js';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import {
  addRepresentationOptions,
  checkEmbed,
  maxIterOption,
  type RepresentationCliOptions,
} from './kmeans-options.js';
import type { RatingRange } from '../matrix/rating-range.js';
import { checkOutputs, writeResult } from './output.js';
import { evaluateTable, writeParquetResult } from './result-tables.js';
import { Progress } from './progress.js';
import { inputOption, jsonOption, outOption, quietOption, ratingRangeFlag, seedOption } from './shared-options.js';
import { messages } from '../messages.js';
import { evaluateSplits, type EvaluateResult } from '../recommend/evaluate.js';
import { fileSplit } from '../recommend/file-split.js';
import { countHeldOut } from '../recommend/holdout.js';
import { defaultMfOptions } from '../recommend/mf.js';
import { predictorNames, type PredictorName } from '../recommend/predictors.js';
import { rankingDepth } from '../recommend/score.js';
import { foldSplits, holdoutSplits } from '../recommend/protocols.js';
import type { TrainTest } from '../recommend/split.js';
import { usageError } from '../util/errors.js';
import { Log, Timings } from '../util/log.js';
import { evaluateJson, formatEvaluateDetails, formatEvaluateReport, type EvaluateProtocol } from './evaluate-report.js';
import { intListOption, intOption, intRangeOption, numberOption, openRangeOption } from './options.js';

export interface EvaluateCliOptions extends InputCliOptions, RepresentationCliOptions {
  input?: string;
  out?: string;
  train?: string;
  test?: string;
  predictors: PredictorName[];
  k: number[];
  holdout?: number;
  folds?: number;
  seed: number;
  shrink: number;
  maxIter: number;
  factors: number;
  reg: number;
  epochs: number;
  ratingRange?: RatingRange;
  json?: boolean;
  quiet?: boolean;
}

/** `--predictors a,b`: known names, each once, in the order given. */
export function predictorListOption(value: string): PredictorName[] {
  const names = value.split(',').map((s) => s.trim());
  for (const n of names)
    if (!(predictorNames as readonly string[]).includes(n))
      throw new InvalidArgumentError(messages.unknownPredictor(n, predictorNames));
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new InvalidArgumentError(messages.duplicateInList('--predictors', n));
    seen.add(n);
  }
  return names as PredictorName[];
}

/** The options every predictor-fitting command shares (evaluate, recommend), spelled and explained once. */
export function addPredictorOptions(cmd: Command): Command {
  cmd.addOption(
    new Option('-k, --k <list>', 'clusters of the cluster predictor; a list such as 2,5,10 scores one per k')
      .argParser(intListOption('--k', 1))
      .default([5], '5'),
  );
  // what the cluster predictor clusters: --matrix, --embed, --power-iterations, --normalize as in fit
  return addRepresentationOptions(cmd)
    .option(
      '--shrink <lambda>',
      "cluster predictor: the cluster's mean residual is sum / (n + lambda)",
      numberOption('--shrink', 0),
      10,
    )
    .addOption(maxIterOption())
    .option(
      '--factors <n>',
      'mf: latent factors per customer and movie',
      intRangeOption('--factors', 1, 500),
      defaultMfOptions.factors,
    )
    .option(
      '--reg <lambda>',
      'mf: weighted-lambda regularisation: the penalty of a vector with n ratings is (lambda n + 6) |vector|^2',
      numberOption('--reg', 0),
      defaultMfOptions.reg,
    )
    .option(
      '--epochs <n>',
      'mf: ALS sweeps (all customers, then all movies)',
      intOption('--epochs', 1),
      defaultMfOptions.epochs,
    )
    .addOption(seedOption())
    .addOption(ratingRangeFlag());
}

export function registerEvaluate(program: Command): void {
  const cmd = program
    .command('evaluate')
    .description(
      `fit predictors on training ratings, score them on test ratings (RMSE, MAE, precision/recall/NDCG@${rankingDepth}); a table on stdout`,
    )
    .addOption(inputOption())
    .option('--train <file>', 'a given training file (e.g. MovieLens u1.base), with --test')
    .option('--test <file>', 'its test file (e.g. u1.test)')
    .addOption(
      new Option('--predictors <list>', `comma-separated, from ${predictorNames.join(', ')}`)
        .argParser(predictorListOption)
        .default([...predictorNames], predictorNames.join(',')),
    )
    .option(
      '--holdout <share>',
      "share of each customer's ratings held out, in (0, 1) (default protocol, 0.1)",
      openRangeOption('--holdout', 0, 1),
    )
    .option(
      '--folds <n>',
      'seeded k-fold cross-validation over the ratings: mean and std per predictor',
      intRangeOption('--folds', 2, 100),
    );
  addPredictorOptions(cmd)
    .addOption(
      outOption('the table (or the --json object)', { note: 'a name ending in .parquet gets the scores as Parquet' }),
    )
    .addOption(jsonOption())
    .addOption(quietOption());
  addInputOptions(cmd).action(async (opts: EvaluateCliOptions) => {
    await runEvaluate(opts);
  });
}

export async function runEvaluate(opts: EvaluateCliOptions): Promise<void> {
  const log = new Log({ quiet: opts.quiet });
  const timings = new Timings();
  if ((opts.train === undefined) !== (opts.test === undefined)) throw usageError(messages.trainTestPair());
  const files = opts.train !== undefined;
  if (files && opts.input !== undefined) throw usageError(messages.protocolConflict('--input', '--train/--test'));
  if (opts.holdout !== undefined && opts.folds !== undefined)
    throw usageError(messages.protocolConflict('--holdout', '--folds'));
  if (files && (opts.holdout !== undefined || opts.folds !== undefined)) {
    throw usageError(messages.protocolConflict(opts.holdout !== undefined ? '--holdout' : '--folds', '--train/--test'));
  }
  await checkOutputs([opts.out]);

  let splits: Iterable<TrainTest>;
  let protocol: EvaluateProtocol;
  let customers: number;
  let movies: number;
  let source: string;
  let ratingRange: RatingRange;
  if (files) {
    const train = (await loadRatings({ ...opts, input: opts.train }, log, timings)).data;
    // the test file on the training file's scale: a rating outside it is an error, not a silent clamp
    const test = (
      await loadRatings({ ...opts, input: opts.test, ratingRange: opts.ratingRange ?? train.ratingRange }, log, timings)
    ).data;
    ratingRange = train.ratingRange;
    if (test.matrix.rowPtr[test.matrix.nRows] === 0) throw usageError(messages.emptyTest(opts.test!));
    const split = fileSplit(train, test);
    splits = [split];
    protocol = {
      kind: 'files',
      train: opts.train!,
      test: opts.test!,
      unknownCustomers: split.unknownCustomers,
      unknownCustomerRatings: split.unknownCustomerRatings,
      unknownMovies: split.unknownMovies,
      unknownMovieRatings: split.unknownMovieRatings,
    };
    customers = train.matrix.nRows;
    movies = train.matrix.nCols;
    source = opts.train!;
  } else {
    const { label, data } = await loadRatings(opts, log, timings);
    const m = data.matrix;
    if (m.rowPtr[m.nRows] === 0) throw usageError(messages.emptyTest(label));
    customers = m.nRows;
    movies = m.nCols;
    source = label;
    ratingRange = data.ratingRange;
    if (opts.folds !== undefined) {
      if (m.rowPtr[m.nRows] < opts.folds) throw usageError(messages.emptyTest(`${label} (${opts.folds} folds)`));
      splits = foldSplits(m, opts.folds, opts.seed);
      protocol = { kind: 'folds', folds: opts.folds };
    } else {
      const share = opts.holdout ?? 0.1;
      if (countHeldOut(m, share) === 0) throw usageError(messages.holdoutHidesNothing(share));
      splits = holdoutSplits(m, share, opts.seed);
      protocol = { kind: 'holdout', share };
    }
  }
  const rowsOk = customers;
  if (opts.predictors.includes('cluster')) {
    for (const k of opts.k) if (k > rowsOk) throw usageError(messages.kTooLarge(k, rowsOk));
    checkEmbed(opts, { nRows: customers, nCols: movies });
  }

  const t0 = performance.now();
  const progress = new Progress(log, 'evaluate');
  const result: EvaluateResult = await evaluateSplits(splits, {
    predictors: opts.predictors,
    ks: opts.k,
    matrix: opts.matrix,
    normalize: Boolean(opts.normalize),
    embed: opts.embed ?? 0,
    powerIterations: opts.powerIterations,
    shrink: opts.shrink,
    maxIter: opts.maxIter,
    factors: opts.factors,
    reg: opts.reg,
    epochs: opts.epochs,
    seed: opts.seed,
    threads: opts.threads ?? availableParallelism(),
    ratingRange,
    onPhase: (phase) => progress.step(phase),
  });
  progress.done();
  const report = {
    input: source,
    customers,
    movies,
    protocol,
    seed: opts.seed,
    // what k-means clustered, as one phrase: `residual, --embed 20, --normalize`
    matrix: [
      opts.matrix,
      ...(opts.embed ? [`--embed ${opts.embed}`] : []),
      ...(opts.normalize ? ['--normalize'] : []),
    ].join(', '),
    shrink: opts.shrink,
    mf: { factors: opts.factors, reg: opts.reg, epochs: opts.epochs },
    result,
    timingsMs: { read: timings.ms.read ?? 0, evaluate: Math.round(performance.now() - t0) },
  };
  // --out FILE.parquet: the scores go there as Parquet, the report (or --json) still to stdout
  const parquet = await writeParquetResult(opts.out, () => evaluateTable(result));
  await writeResult(
    parquet ? undefined : opts.out,
    opts.json ? `${JSON.stringify({ ...evaluateJson(report), ratingRange })}\n` : formatEvaluateReport(report),
  );
  log.info(formatEvaluateDetails(report));
}
