import { firstDataRows, type RatingsData } from '../matrix/csr.js';
import type { RatingRange } from '../matrix/rating-range.js';
import { messages } from '../messages.js';
import { usageError } from '../util/errors.js';
import { detectFormat, type RatingsFormat } from './detect-format.js';
import type { LongColumnNames } from './long/long-columns.js';
import { readLongRatingsCsv } from './long/long-csv.js';
import { pivotRaw } from './netflix/netflix-raw.js';
import type { TrimOptions } from './netflix/trim.js';
import { availableParallelism } from 'node:os';
import { readPivotRatingsCsvParallel } from './pivot/parallel-pivot.js';

export interface ReadAnyOptions {
  /** Skip detection and read as this format. */
  readonly format?: RatingsFormat;
  /** Keep only the first N customers (rows sorted by customer id for netflix and long; file order for pivot). */
  readonly rows?: number;
  /** Valid ratings; default: any number >= 0 a float32 holds, the data's scale then being the one it shows. */
  readonly ratingRange?: RatingRange;
  /** netflix only: the original's trim (default: 0.7 quantiles, as df_p was made); `false` keeps every rating. */
  readonly trim?: TrimOptions | false;
  /** long only: the user, movie and rating column names. */
  readonly columns?: LongColumnNames;
  /** pivot only: threads for the scan of an uncompressed file (default: every core). */
  readonly threads?: number;
  /** Bytes read so far (all files, after gunzip) and records so far: customers for pivot, ratings otherwise. */
  readonly onProgress?: (bytes: number, records: number) => void;
}

/**
 * Reads ratings in any supported format into RatingsData:
 * - `pivot`: the df_p CSV (`Cust_Id,<movie ids>`), one file;
 * - `netflix`: one or more raw `combined_data_*.txt` files, trimmed and pivoted as the original did (so fitting
 *   them clusters the same matrix as fitting the df_p.csv the original wrote);
 * - `long`: one `userId,movieId,rating[,timestamp]` CSV with a header.
 * Plain or gzip (by magic bytes). Without `format`, each file's first line decides, and all must agree.
 * Errors are UserErrors: 66 for a missing file, 65 for bad data, 2 for a bad combination of arguments.
 */
export async function readRatingsAny(
  input: string | readonly string[],
  options: ReadAnyOptions = {},
): Promise<RatingsData> {
  const paths = typeof input === 'string' ? [input] : [...input];
  if (paths.length === 0) throw usageError(messages.noInputFiles());
  const format = options.format ?? (await detectAll(paths));
  if (format !== 'netflix' && paths.length > 1) throw usageError(messages.oneFileOnly(format, paths.length));
  const common = { ratingRange: options.ratingRange, onProgress: options.onProgress };
  switch (format) {
    case 'pivot':
      return readPivotRatingsCsvParallel(paths[0], {
        ...common,
        rows: options.rows,
        threads: options.threads ?? availableParallelism(),
      });
    case 'long':
      return readLongRatingsCsv(paths[0], { ...common, rows: options.rows, columns: options.columns });
    case 'netflix': {
      const trim = options.trim === false ? { minMovieRatings: 0, minCustomerRatings: 0 } : (options.trim ?? {});
      const { data } = await pivotRaw(paths, { ...common, ...trim });
      return firstDataRows(data, options.rows);
    }
  }
}

async function detectAll(paths: readonly string[]): Promise<RatingsFormat> {
  const first = await detectFormat(paths[0]);
  for (const path of paths.slice(1)) {
    const format = await detectFormat(path);
    if (format !== first) throw usageError(messages.formatsDiffer(paths[0], first, path, format));
  }
  return first;
}
