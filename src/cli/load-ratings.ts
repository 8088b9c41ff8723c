import { readWideRatingsCsv } from '../io/wide-csv.js';
import { selectDataRows, type RatingsData } from '../matrix/csr.js';
import { messages } from '../messages.js';
import { usageError } from '../util/errors.js';
import type { Log, Timings } from '../util/log.js';
import { Rng, sampleIndices } from '../util/random.js';
import { bundledSamplePath } from './fit-summary.js';
import type { RatingRange } from './options.js';

export interface LoadRatingsOptions {
  /** Default: the bundled sample. */
  readonly input?: string;
  /** Keep the first N customers. */
  readonly rows?: number;
  /** Keep a seeded random sample of N customers (drawn as `fit --sample` draws it). */
  readonly sample?: number;
  readonly seed: number;
  readonly ratingRange: RatingRange;
}

export interface LoadedRatings {
  /** The path read, for summaries and the report. */
  readonly input: string;
  readonly data: RatingsData;
}

/**
 * The one place a command reads its ratings: the file, then --rows / --sample. When the reader becomes a
 * multi-format one, only this function changes.
 */
export async function loadRatings(opts: LoadRatingsOptions, log: Log, timings: Timings): Promise<LoadedRatings> {
  if (opts.rows !== undefined && opts.sample !== undefined) throw usageError(messages.rowsAndSample());
  const input = opts.input ?? bundledSamplePath();
  let data = await timings.time('read', () =>
    readWideRatingsCsv(input, {
      rows: opts.rows,
      ratingRange: opts.ratingRange,
      onProgress: (bytes, rows) => log.progress(`reading ${input}: ${(bytes / 1e6).toFixed(0)} MB, ${rows} customers`),
    }),
  );
  log.clearProgress();
  if (opts.sample !== undefined) {
    if (opts.sample > data.matrix.nRows) throw usageError(messages.sampleTooLarge(opts.sample, data.matrix.nRows));
    data = selectDataRows(data, sampleIndices(new Rng(opts.seed), data.matrix.nRows, opts.sample));
  }
  return { input, data };
}
