import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { addRepresentationOptions, checkEmbed, type RepresentationCliOptions } from './kmeans-options.js';
import { loadRatings } from './load-ratings.js';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import { messages } from '../messages.js';
import { evaluateRecommenders } from '../recommend/evaluate.js';
import { countHeldOut } from '../recommend/holdout.js';
import { usageError } from '../util/errors.js';
import { Log, Timings } from '../util/log.js';
import { evaluateJson, formatEvaluateDetails, formatEvaluateReport } from './evaluate-report.js';
import { intListOption, intOption, numberOption, openRangeOption, ratingRangeFlag, type RatingRange } from './options.js';

export interface EvaluateCliOptions extends InputCliOptions, RepresentationCliOptions {
  input: string;
  k: number[];
  holdout: number;
  seed: number;
  shrink: number;
  maxIter: number;
  ratingRange: RatingRange;
  json?: boolean;
  quiet?: boolean;
}

export function registerEvaluate(program: Command): void {
  const cmd = program
    .command('evaluate')
    .description('hold out ratings, fit on the rest, and score baselines and cluster CF by RMSE and MAE (a table on stdout)')
    .requiredOption('-i, --input <file>', 'ratings pivot CSV (df_p format, .csv or .csv.gz)')
    .option('-k, --k <list>', 'clusters; a list such as 2,5,10 scores one cluster CF per k', intListOption('--k', 1), [5])
    .option('--holdout <share>', "share of each customer's ratings held out, in (0, 1)", openRangeOption('--holdout', 0, 1), 0.1)
    .option('--seed <n>', 'random seed of the holdout and of k-means', intOption('--seed', 0), 0)
    .option('--shrink <lambda>', 'pull a cluster mean with little support toward the movie mean', numberOption('--shrink', 0), 10)
    .option('--max-iter <n>', 'most Lloyd iterations per fit', intOption('--max-iter', 1), 300)
    .addOption(ratingRangeFlag('valid ratings; predictions are clamped to it'))
    .option('--json', 'print the report as one JSON object')
    .option('-q, --quiet', 'no progress, fits or times on stderr');
  addInputOptions(addRepresentationOptions(cmd)).action(async (opts: EvaluateCliOptions) => {
    await runEvaluate(opts);
  });
}

export async function runEvaluate(opts: EvaluateCliOptions): Promise<void> {
  const log = new Log({ quiet: opts.quiet });
  const timings = new Timings();
  const { data } = await loadRatings(opts, log, timings);
  const m = data.matrix;
  for (const k of opts.k) if (k > m.nRows) throw usageError(messages.kTooLarge(k, m.nRows));
  checkEmbed(opts, m);
  if (countHeldOut(m, opts.holdout) === 0) throw usageError(messages.holdoutHidesNothing(opts.holdout));

  const result = await evaluateRecommenders(m, {
    ks: opts.k,
    holdout: opts.holdout,
    seed: opts.seed,
    matrix: opts.matrix,
    normalize: Boolean(opts.normalize),
    embed: opts.embed ?? 0,
    powerIterations: opts.powerIterations,
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
    // what k-means clustered, as one phrase: `residual, --embed 20, --normalize`
    matrix: [opts.matrix, ...(opts.embed ? [`--embed ${opts.embed}`] : []), ...(opts.normalize ? ['--normalize'] : [])].join(', '),
    shrink: opts.shrink,
    result: { ...result, timingsMs: { read: timings.ms.read, ...result.timingsMs } },
  };
  process.stdout.write(opts.json ? `${JSON.stringify(evaluateJson(report))}\n` : formatEvaluateReport(report));
  log.info(formatEvaluateDetails(report.result));
}
