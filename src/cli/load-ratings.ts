import { checkMemory } from '../io/memory-estimate.js';
import { readRatings } from '../io/read-ratings.js';
import { selectDataRows, type RatingsData } from '../matrix/csr.js';
import { messages } from '../messages.js';
import { usageError } from '../util/errors.js';
import type { Log, Timings } from '../util/log.js';
import { Rng, sampleIndices } from '../util/random.js';
import { bundledSampleLabel, bundledSamplePath } from './fit-summary.js';
import type { RatingRange } from '../matrix/rating-range.js';
import { Progress } from './progress.js';
import { stat } from 'node:fs/promises';
import type { InputCliOptions } from './input-options.js';
import { counted } from '../util/format.js';

export interface LoadRatingsOptions extends InputCliOptions {
  /** Default: the bundled sample. */
  readonly input?: string;
  /** Keep the first N customers. */
  readonly rows?: number;
  /** Keep a seeded random sample of N customers (drawn as `fit --sample` draws it). */
  readonly sample?: number;
  /** Seed of --sample; needed only with it. */
  readonly seed?: number;
  /** Valid ratings; default: the scale the ratings show (inferredRatingRange). */
  readonly ratingRange?: RatingRange;
}

export interface LoadedRatings {
  /** The path read. */
  readonly input: string;
  /** How summaries name it: the path given, or the bundled sample's label. */
  readonly label: string;
  readonly data: RatingsData;
}

/**
 * The one place a command reads its ratings: the file in whatever format (see readRatings), then --rows /
 * --sample.
 */
export async function loadRatings(opts: LoadRatingsOptions, log: Log, timings: Timings): Promise<LoadedRatings> {
  if (opts.rows !== undefined && opts.sample !== undefined) throw usageError(messages.rowsAndSample());
  const input = opts.input ?? bundledSamplePath();
  // before any parsing: a file too big for this machine fails now, with numbers, rather than swapping for an hour
  await checkMemory(input, { format: opts.format, maxMemory: opts.maxMemory, rows: opts.rows });
  // the file's size is the total when the reader counts its bytes; a folder, or a .gz whose readers count the
  // decompressed bytes, has none
  const size = /\.gz$/i.test(input)
    ? undefined
    : await stat(input).then(
        (s) => (s.isFile() ? s.size : undefined),
        () => undefined,
      );
  const progress = new Progress(log, `reading ${opts.input ?? bundledSampleLabel}`, {
    total: size,
    unit: 'MB',
    scale: 1e6,
  });
  let data = await timings.time('read', () =>
    readRatings(input, {
      rows: opts.rows,
      ratingRange: opts.ratingRange,
      format: opts.format,
      columns: opts.columns,
      threads: opts.threads,
      onProgress: (bytes, rows) => progress.update(bytes, counted(rows, 'record')),
    }),
  );
  progress.done();
  if (opts.sample !== undefined) {
    if (opts.sample > data.matrix.nRows) throw usageError(messages.sampleTooLarge(opts.sample, data.matrix.nRows));
    data = selectDataRows(data, sampleIndices(new Rng(opts.seed ?? 0), data.matrix.nRows, opts.sample));
  }
  return { input, label: opts.input ?? bundledSampleLabel, data };
}
