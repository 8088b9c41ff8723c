import { availableParallelism } from 'node:os';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadRatings } from './load-ratings.js';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import { matrixKinds, type MatrixKind } from '../matrix/transform.js';
import { messages } from '../messages.js';
import { evaluateSplits, type EvaluateResult } from '../recommend/evaluate.js';
import { fileSplit } from '../recommend/file-split.js';
import { countHeldOut } from '../recommend/holdout.js';
import { defaultMfOptions } from '../recommend/mf.js';
import { predictorNames, type PredictorName } from '../recommend/predictors.js';
import { foldSplits, holdoutSplits } from '../recommend/protocols.js';
import type { TrainTest } from '../recommend/split.js';
import { usageError } from '../util/errors.js';
import { Log, Timings } from '../util/log.js';
import { evaluateJson, formatEvaluateDetails, formatEvaluateReport, type EvaluateProtocol } from './evaluate-report.js';
import { choiceOption, intListOption, intOption, intRangeOption, numberOption, openRangeOption, ratingRangeFlag, type RatingRange } from './options.js';

export interface EvaluateCliOptions extends InputCliOptions {
  input?: string;
  train?: string;
  test?: string;
  predictors: PredictorName[];
  k: number[];
  holdout?: number;
  folds?: number;
  seed: number;
  matrix: MatrixKind;
  shrink: number;
  maxIter: number;
  factors: number;
  reg: number;
  epochs: number;
  ratingRange: RatingRange;
  json?: boolean;
  quiet?: boolean;
}

/** `--predictors a,b`: known names, each once, in the order given. */
export function predictorListOption(value: string): PredictorName[] {
  const names = value.split(',').map((s) => s.trim());
  for (const n of names) if (!(predictorNames as readonly string[]).includes(n)) throw new InvalidArgumentError(messages.unknownPredictor(n, predictorNames));
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new InvalidArgumentError(messages.duplicateInList('--predictors', n));
    seen.add(n);
  }
  return names as PredictorName[];
}

/** The options every predictor-fitting command shares (evaluate, recommend), spelled and explained once. */
export function addPredictorOptions(cmd: Command): Command {
  return cmd
    .option('-k, --k <list>', 'clusters of the cluster predictor; a list such as 2,5,10 scores one per k', intListOption('--k', 1), [5])
    .addOption(new Option('--matrix <kind>', 'what k-means clusters: ratings, binary or centered').choices(matrixKinds).default('ratings').argParser(choiceOption('--matrix', matrixKinds)))
    .option('--shrink <lambda>', "cluster predictor: the cluster's mean residual is sum / (n + lambda)", numberOption('--shrink', 0), 10)
    .option('--max-iter <n>', 'most Lloyd iterations per k-means fit', intOption('--max-iter', 1), 300)
    .option('--factors <n>', 'mf: latent factors per customer and movie', intRangeOption('--factors', 1, 500), defaultMfOptions.factors)
    .option('--reg <lambda>', 'mf: weighted-lambda regularisation: the penalty of a vector with n ratings is (lambda n + 6) |vector|^2', numberOption('--reg', 0), defaultMfOptions.reg)
    .option('--epochs <n>', 'mf: ALS sweeps (all customers, then all movies)', intOption('--epochs', 1), defaultMfOptions.epochs)
    .option('--seed <n>', 'random seed (splits, k-means, initial factors)', intOption('--seed', 0), 0)
    .addOption(ratingRangeFlag('valid ratings; predictions are clamped to it'));
}

export function registerEvaluate(program: Command): void {
  const cmd = program
    .command('evaluate')
    .description('fit predictors on training ratings, score them on test ratings (RMSE, MAE, precision/recall/NDCG@10); a table on stdout')
    .option('-i, --input <file>', 'ratings to split (any format read by fit)')
    .option('--train <file>', 'a given training file (e.g. MovieLens u1.base), with --test')
    .option('--test <file>', 'its test file (e.g. u1.test)')
    .option('--predictors <list>', `comma-separated, from ${predictorNames.join(', ')}`, predictorListOption, [...predictorNames])
    .option('--holdout <share>', "share of each customer's ratings held out, in (0, 1) (default protocol, 0.1)", openRangeOption('--holdout', 0, 1))
    .option('--folds <n>', 'seeded k-fold cross-validation over the ratings: mean and std per predictor', intRangeOption('--folds', 2, 100));
  addPredictorOptions(cmd)
    .option('--json', 'print the report as one JSON object')
    .option('-q, --quiet', 'no progress, fits or times on stderr');
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
  if (!files && opts.input === undefined) throw usageError(messages.evaluateNeedsData());
  if (opts.holdout !== undefined && opts.folds !== undefined) throw usageError(messages.protocolConflict('--holdout', '--folds'));
  if (files && (opts.holdout !== undefined || opts.folds !== undefined)) {
    throw usageError(messages.protocolConflict(opts.holdout !== undefined ? '--holdout' : '--folds', '--train/--test'));
  }

  let splits: Iterable<TrainTest>;
  let protocol: EvaluateProtocol;
  let customers: number;
  let movies: number;
  let source: string;
  if (files) {
    const train = (await loadRatings({ ...opts, input: opts.train }, log, timings)).data;
    const test = (await loadRatings({ ...opts, input: opts.test }, log, timings)).data;
    if (test.matrix.rowPtr[test.matrix.nRows] === 0) throw usageError(messages.emptyTest(opts.test!));
    const split = fileSplit(train, test);
    splits = [split];
    protocol = { kind: 'files', train: opts.train!, test: opts.test!, unknownCustomers: split.unknownCustomers, unknownCustomerRatings: split.unknownCustomerRatings, unknownMovies: split.unknownMovies, unknownMovieRatings: split.unknownMovieRatings };
    customers = train.matrix.nRows;
    movies = train.matrix.nCols;
    source = opts.train!;
  } else {
    const { data } = await loadRatings(opts, log, timings);
    const m = data.matrix;
    if (m.rowPtr[m.nRows] === 0) throw usageError(messages.emptyTest(opts.input!));
    customers = m.nRows;
    movies = m.nCols;
    source = opts.input!;
    if (opts.folds !== undefined) {
      if (m.rowPtr[m.nRows] < opts.folds) throw usageError(messages.emptyTest(`${opts.input} (${opts.folds} folds)`));
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
  if (opts.predictors.includes('cluster')) for (const k of opts.k) if (k > rowsOk) throw usageError(messages.kTooLarge(k, rowsOk));

  const t0 = performance.now();
  const result: EvaluateResult = await evaluateSplits(splits, {
    predictors: opts.predictors,
    ks: opts.k,
    matrix: opts.matrix,
    shrink: opts.shrink,
    maxIter: opts.maxIter,
    factors: opts.factors,
    reg: opts.reg,
    epochs: opts.epochs,
    seed: opts.seed,
    threads: opts.threads ?? availableParallelism(),
    ratingRange: opts.ratingRange,
    onPhase: (phase) => log.progress(`evaluate: ${phase}`, true),
  });
  log.clearProgress();
  const report = {
    input: source,
    customers,
    movies,
    protocol,
    seed: opts.seed,
    matrix: opts.matrix,
    shrink: opts.shrink,
    mf: { factors: opts.factors, reg: opts.reg, epochs: opts.epochs },
    result,
    timingsMs: { read: timings.ms.read ?? 0, evaluate: Math.round(performance.now() - t0) },
  };
  process.stdout.write(opts.json ? `${JSON.stringify(evaluateJson(report))}\n` : formatEvaluateReport(report));
  log.info(formatEvaluateDetails(report));
}
