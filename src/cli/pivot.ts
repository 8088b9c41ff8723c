import { InvalidArgumentError, type Command } from 'commander';
import { writeStdout } from '../io/stdout.js';
import { inspectAll } from '../io/line-chunks.js';
import { pivotRaw } from '../io/netflix/netflix-raw.js';
import { defaultTrimQuantile } from '../io/netflix/trim.js';
import { defaultGzipLevel, writePivotCsv } from '../io/pivot/write-pivot.js';
import { messages } from '../messages.js';
import { Log } from '../util/log.js';
import { intOption, quantileOption } from './options.js';
import { checkOutputs } from './output.js';
import { Progress } from './progress.js';
import { formatPivotSummary, pivotSummaryJson } from './pivot-summary.js';
import { jsonOption, outOption, quietOption } from './shared-options.js';
import { counted } from '../util/format.js';

export interface PivotCliOptions {
  out: string;
  movieQuantile: number;
  customerQuantile: number;
  minMovieRatings?: number;
  minCustomerRatings?: number;
  gzipLevel: number;
  json?: boolean;
  quiet?: boolean;
}

/** `netflix-cluster pivot combined_data_1.txt [...] --out df_p.csv[.gz]`: the original's df_p, from the raw files. */
export function registerPivot(program: Command): void {
  program
    .command('pivot')
    .description("turn the Netflix Prize combined_data_*.txt files into the df_p pivot CSV, with the original's trim")
    .argument('<files...>', 'combined_data_*.txt files (plain or .gz), read in the order given')
    .addOption(outOption('the pivot CSV (gzip when the name ends in .gz)', { required: true }))
    .option(
      '--movie-quantile <q>',
      'keep movies with at least this quantile of ratings per movie',
      quantileOption('--movie-quantile'),
      defaultTrimQuantile,
    )
    .option(
      '--customer-quantile <q>',
      'keep customers with at least this quantile of ratings per customer',
      quantileOption('--customer-quantile'),
      defaultTrimQuantile,
    )
    .option(
      '--min-movie-ratings <n>',
      'keep movies with at least N ratings (overrides --movie-quantile)',
      intOption('--min-movie-ratings', 0),
    )
    .option(
      '--min-customer-ratings <n>',
      'keep customers with at least N ratings (overrides --customer-quantile)',
      intOption('--min-customer-ratings', 0),
    )
    .option('--gzip-level <n>', 'zlib level for a .gz output, 1 (fast) to 9 (small)', gzipLevelOption, defaultGzipLevel)
    .addOption(jsonOption())
    .addOption(quietOption())
    .action(async (files: string[], opts: PivotCliOptions) => {
      await runPivot(files, opts);
    });
}

export async function runPivot(files: string[], opts: PivotCliOptions): Promise<void> {
  const log = new Log({ quiet: opts.quiet });
  // a wrong output directory or a missing input fails now, not after a minute of reading
  await checkOutputs([opts.out]);
  await inspectAll(files);
  const t0 = performance.now();
  const reading = new Progress(log, 'reading', { unit: 'MB', scale: 1e6 });
  const { data, stats } = await pivotRaw(files, {
    movieQuantile: opts.movieQuantile,
    customerQuantile: opts.customerQuantile,
    minMovieRatings: opts.minMovieRatings,
    minCustomerRatings: opts.minCustomerRatings,
    onProgress: (bytes, ratings) => reading.update(bytes, counted(ratings, 'rating')),
  });
  reading.done();
  const t1 = performance.now();
  new Progress(log, 'writing').step(opts.out);
  await writePivotCsv(opts.out, data, { gzipLevel: opts.gzipLevel });
  log.clearProgress();
  const t2 = performance.now();
  const seconds = { read: (t1 - t0) / 1000, write: (t2 - t1) / 1000 };
  if (opts.json) await writeStdout(`${JSON.stringify(pivotSummaryJson(stats, opts.out, seconds))}\n`);
  else log.info(formatPivotSummary(stats, opts.out, seconds));
}

function gzipLevelOption(value: string): number {
  const level = intOption('--gzip-level', 1)(value);
  if (level > 9) throw new InvalidArgumentError(messages.tooLarge('--gzip-level', level, 9));
  return level;
}
