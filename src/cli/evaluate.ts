import { availableParallelism } from 'node:os';
import { Option, type Command } from 'commander';
import { loadRatings } from './load-ratings.js';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import { matrixKinds, type MatrixKind } from '../matrix/transform.js';
import { messages } from '../messages.js';
import { evaluateRecommenders } from '../recommend/evaluate.js';
import { countHeldOut } from '../recommend/holdout.js';
import { usageError } from '../util/errors.js';
import { Log, Timings } from '../util/log.js';
import { evaluateJson, formatEvaluateDetails, formatEvaluateReport } from './evaluate-report.js';
import { checkOutputPath } from '../io/atomic-write.js';
import { writeTable } from '../io/table.js';
import { evaluateTable } from './result-tables.js';
import { choiceOption, intListOption, intOption, numberOption, openRangeOption, ratingRangeFlag, type RatingRange } from './options.js';

export interface EvaluateCliOptions extends InputCliOptions {
  input: string;
  k: number[];
  holdout: number;
  seed: number;
  matrix: MatrixKind;
  shrink: number;
  maxIter: number;
  ratingRange: RatingRange;
  json?: boolean;
  quiet?: boolean;
  out?: string;
}

export function registerEvaluate(program: Command): void {
  const cmd = program
    .command('evaluate')
    .description('hold out ratings, fit on the rest, and score baselines and cluster CF by RMSE and MAE (a table on stdout)')
    .requiredOption('-i, --input <file>', 'ratings pivot CSV (df_p format, .csv or .csv.gz)')
    .option('-k, --k <list>', 'clusters; a list such as 2,5,10 scores one cluster CF per k', intListOption('--k', 1), [5])
    .option('--holdout <share>', "share of each customer's ratings held out, in (0, 1)", openRangeOption('--holdout', 0, 1), 0.1)
    .option('--seed <n>', 'random seed of the holdout and of k-means', intOption('--seed', 0), 0)
    .addOption(new Option('--matrix <kind>', 'what k-means clusters: ratings, binary or centered').choices(matrixKinds).default('ratings').argParser(choiceOption('--matrix', matrixKinds)))
    .option('--shrink <lambda>', 'pull a cluster mean with little support toward the movie mean', numberOption('--shrink', 0), 10)
    .option('--max-iter <n>', 'most Lloyd iterations per fit', intOption('--max-iter', 1), 300)
    .addOption(ratingRangeFlag('valid ratings; predictions are clamped to it'))
    .option('--json', 'print the report as one JSON object')
    .option('-o, --out <file.parquet>', 'also write the scores (predictor, k, rmse, mae) as Parquet (or CSV for any other name)')
    .option('-q, --quiet', 'no progress, fits or times on stderr');
  addInputOptions(cmd).action(async (opts: EvaluateCliOptions) => {
    await runEvaluate(opts);
  });
}

export async function runEvaluate(opts: EvaluateCliOptions): Promise<void> {
  const log = new Log({ quiet: opts.quiet });
  const timings = new Timings();
  if (opts.out) await checkOutputPath(opts.out);
  const { data } = await loadRatings(opts, log, timings);
  const m = data.matrix;
  for (const k of opts.k) if (k > m.nRows) throw usageError(messages.kTooLarge(k, m.nRows));
  if (countHeldOut(m, opts.holdout) === 0) throw usageError(messages.holdoutHidesNothing(opts.holdout));

  const result = await evaluateRecommenders(m, {
    ks: opts.k,
    holdout: opts.holdout,
    seed: opts.seed,
    matrix: opts.matrix,
    shrink: opts.shrink,
    maxIter: opts.maxIter,
    threads: opts.threads ?? availableParallelism(),
    ratingRange: opts.ratingRange,
    onPhase: (phase) => log.progress(`evaluate: ${phase}`, true),
  });
  log.clearProgress();
  const report = {
    input: opts.input,
    holdout: opts.holdout,
    seed: opts.seed,
    matrix: opts.matrix,
    shrink: opts.shrink,
    result: { ...result, timingsMs: { read: timings.ms.read, ...result.timingsMs } },
  };
  if (opts.out) await writeTable(opts.out, evaluateTable(result));
  process.stdout.write(opts.json ? `${JSON.stringify(evaluateJson(report))}\n` : formatEvaluateReport(report));
  log.info(formatEvaluateDetails(report.result));
}
