import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { writeCsrFile } from '../io/csr/csr-file.js';
import { isParquetPath } from '../io/parquet/parts.js';
import type { RatingsData } from '../matrix/csr.js';
import { checkMemory } from '../io/memory-estimate.js';
import { readRatings } from '../io/read-ratings.js';
import { messages } from '../messages.js';
import { Log } from '../util/log.js';
import { maxMemoryOption } from './input-options.js';
import { intOption } from './options.js';
import type { RatingRange } from '../matrix/rating-range.js';
import { checkOutputs } from './output.js';
import { Progress } from './progress.js';
import { quietOption, ratingRangeFlag, threadsOption } from './shared-options.js';
import { counted } from '../util/format.js';

interface ConvertOptions {
  rows?: number;
  ratingRange?: RatingRange;
  threads?: number;
  maxMemory?: number;
  quiet?: boolean;
}

/**
 * `netflix-cluster convert df_p.csv df_p.csr`: parse and validate the pivot CSV once, keep the matrix as a binary
 * CSR file. Every command that reads ratings recognises the file by its magic bytes and loads it in well under a
 * second, against seconds for the 1 GB CSV.
 */
export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description('parse a ratings pivot CSV (plain or gzip) once into a binary CSR file that loads in under a second')
    .argument('<input>', 'the pivot CSV (df_p.csv, or .csv.gz), or a CSR file')
    .argument(
      '<output>',
      'the CSR file to write, or long ratings Cust_Id,movie,rating as Parquet when it ends in .parquet (written atomically)',
    )
    .option('--rows <n>', 'use the first N customers only', intOption('--rows', 1))
    .addOption(ratingRangeFlag())
    .addOption(threadsOption())
    .addOption(maxMemoryOption())
    .addOption(quietOption())
    .action(async (input: string, output: string, opts: ConvertOptions) => {
      const log = new Log({ quiet: opts.quiet });
      await checkOutputs([output]);
      await checkMemory(input, { maxMemory: opts.maxMemory, rows: opts.rows, suggestConvert: false });
      const t0 = performance.now();
      const progress = new Progress(log, `reading ${input}`, { unit: 'MB', scale: 1e6 });
      const data = await readRatings(input, {
        rows: opts.rows,
        ratingRange: opts.ratingRange,
        threads: opts.threads,
        onProgress: (bytes, rows) => progress.update(bytes, counted(rows, 'customer')),
      });
      progress.done();
      new Progress(log, 'writing').step(output);
      // .parquet: the long table Spark, DuckDB and pandas read; anything else: our CSR file
      const bytes = isParquetPath(output) ? await writeParquetSize(output, data) : await writeCsrFile(output, data);
      const m = data.matrix;
      log.info(messages.converted(output, m.nRows, m.nCols, m.rowPtr[m.nRows], bytes, (performance.now() - t0) / 1000));
    });
}

async function writeParquetSize(output: string, data: RatingsData): Promise<number> {
  // loaded on demand, as every Parquet module: hyparquet-writer adds a tenth of a second to start-up
  const { writeLongRatingsParquet } = await import('../io/parquet/write-long.js');
  await writeLongRatingsParquet(output, data);
  return (await stat(output)).size;
}
