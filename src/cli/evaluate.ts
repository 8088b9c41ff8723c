import { Option, type Command } from 'commander';
import { loadRatings } from './load-ratings.js';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import { checkEmbed, embedOption, kmeansOptionsFrom, matrixOption, maxIterOption, normalizeOption, powerIterationsOption, type RepresentationCliOptions } from './kmeans-options.js';
import { messages } from '../messages.js';
import { evaluateRecommenders } from '../recommend/evaluate.js';
import { countHeldOut } from '../recommend/holdout.js';
import { usageError } from '../util/errors.js';
import { Log, Timings } from '../util/log.js';
import { evaluateJson, formatEvaluateDetails, formatEvaluateReport } from './evaluate-report.js';
import { intListOption, numberOption, openRangeOption } from './options.js';
import type { RatingRange } from '../matrix/rating-range.js';
import { checkOutputs, writeResult } from './output.js';
import { Progress } from './progress.js';
import { inputOption, jsonOption, outOption, quietOption, ratingRangeFlag, seedOption } from './shared-options.js';
import { evaluateTable, writeParquetResult } from './result-tables.js';

export interface EvaluateCliOptions extends InputCliOptions, RepresentationCliOptions {
  input?: string;
  out?: string;
  k: number[];
  holdout: number;
  seed: number;
  shrink: number;
  maxIter: number;
  ratingRange?: RatingRange;
  json?: boolean;
  quiet?: boolean;
}

export function registerEvaluate(program: Command): void {
  const cmd = program
    .command('evaluate')
    .description('hold out ratings, fit on the rest, and score baselines and cluster CF by RMSE and MAE (a table on stdout)')
    .addOption(inputOption())
    .addOption(new Option('-k, --k <list>', 'clusters; a list such as 2,5,10 scores one cluster CF per k').argParser(intListOption('--k', 1)).default([5], '5'))
    .option('--holdout <share>', "share of each customer's ratings held out, in (0, 1)", openRangeOption('--holdout', 0, 1), 0.1)
    .addOption(seedOption())
    .addOption(matrixOption())
    .addOption(embedOption())
    .addOption(powerIterationsOption())
    .addOption(normalizeOption())
    .option('--shrink <lambda>', 'pull a cluster mean with little support toward the movie mean', numberOption('--shrink', 0), 10)
    .addOption(maxIterOption())
    .addOption(ratingRangeFlag())
    .addOption(outOption('the table (or the --json object)', { note: 'a name ending in .parquet gets the scores as Parquet' }))
    .addOption(jsonOption())
    .addOption(quietOption());
  addInputOptions(cmd).action(async (opts: EvaluateCliOptions) => {
    await runEvaluate(opts);
  });
}

export async function runEvaluate(opts: EvaluateCliOptions): Promise<void> {
  const log = new Log({ quiet: opts.quiet });
  const timings = new Timings();
  await checkOutputs([opts.out]);
  const { label: input, data } = await loadRatings(opts, log, timings);
  const m = data.matrix;
  for (const k of opts.k) if (k > m.nRows) throw usageError(messages.kTooLarge(k, m.nRows));
  checkEmbed(opts, m);
  if (countHeldOut(m, opts.holdout) === 0) throw usageError(messages.holdoutHidesNothing(opts.holdout));

  const km = kmeansOptionsFrom(opts);
  const progress = new Progress(log, 'evaluate');
  const result = await evaluateRecommenders(m, {
    ks: opts.k,
    holdout: opts.holdout,
    seed: km.seed,
    matrix: opts.matrix,
    normalize: Boolean(opts.normalize),
    embed: opts.embed ?? 0,
    powerIterations: opts.powerIterations,
    shrink: opts.shrink,
    maxIter: km.maxIter,
    threads: km.threads,
    ratingRange: data.ratingRange,
    onPhase: (phase) => progress.step(phase),
  });
  progress.done();
  const report = {
    input,
    holdout: opts.holdout,
    seed: opts.seed,
    // what k-means clustered, as one phrase: `residual, --embed 20, --normalize`
    matrix: [opts.matrix, ...(opts.embed ? [`--embed ${opts.embed}`] : []), ...(opts.normalize ? ['--normalize'] : [])].join(', '),
    shrink: opts.shrink,
    result: { ...result, timingsMs: { read: timings.ms.read, ...result.timingsMs } },
  };
  // --out FILE.parquet: the scores go there as Parquet, the report (or --json) still to stdout
  const parquet = await writeParquetResult(opts.out, () => evaluateTable(result));
  await writeResult(parquet ? undefined : opts.out, opts.json ? `${JSON.stringify(evaluateJson(report))}\n` : formatEvaluateReport(report));
  log.info(formatEvaluateDetails(report.result));
}
