import { availableParallelism } from 'node:os';
import type { RatingsData } from '../matrix/csr.js';
import { isCsrFile, readCsrFile } from './csr-file.js';
import { inspectInput } from './open-input.js';
import { readWideRatingsCsvParallel } from './parallel-wide.js';
import { defaultRatingRange } from './wide-csv.js';

export interface ReadRatingsOptions {
  /** Keep only the first `rows` customers. */
  readonly rows?: number;
  /** Ratings must lie in it (default 1..5); checked in CSV cells and in CSR files alike. */
  readonly ratingRange?: { min: number; max: number };
  /** Threads for the CSV scan (default: every core). CSR files need none. */
  readonly threads?: number;
  /** Now and then: bytes read so far and rows found, for a progress line (CSV only). */
  readonly onProgress?: (bytes: number, rows: number) => void;
}

/**
 * The one reader `fit` and friends call: a binary CSR file (recognised by its magic bytes, whatever its name), or a
 * pivot CSV, plain or gzip, scanned on `threads` threads when it can be split.
 */
export async function readRatings(path: string, options: ReadRatingsOptions = {}): Promise<RatingsData> {
  await inspectInput(path);
  const ratingRange = options.ratingRange ?? defaultRatingRange;
  if (await isCsrFile(path)) return readCsrFile(path, { rows: options.rows, ratingRange });
  return readWideRatingsCsvParallel(path, {
    rows: options.rows,
    ratingRange,
    onProgress: options.onProgress,
    threads: options.threads ?? availableParallelism(),
  });
}
