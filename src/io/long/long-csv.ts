import { buildCsr, type ColumnOrder } from '../../matrix/build-csr.js';
import { firstDataRows, type RatingsData, type UnscaledRatings } from '../../matrix/csr.js';
import { anyRatingRange, type RatingRange } from '../../matrix/rating-range.js';
import { resolveRatingRange } from '../../matrix/value-stats.js';
import { rankIdsInPlace } from '../../matrix/rank-ids.js';
import { messages } from '../../messages.js';
import { dataError } from '../../util/errors.js';
import { scanLines } from '../line-chunks.js';
import { resolveLongColumns, type LongColumnNames } from './long-columns.js';
import { detectLongLayout } from './long-layout.js';
import { entryTimes } from './entry-times.js';
import type { ScannedLong } from './long-buffer.js';
import { LongScanner } from './long-scanner.js';
import { inspectInput } from '../open-input.js';

const NL = 10;
/** MovieLens' ratings.csv averages about 26 bytes a line ("1,296,5.0,1147880044\n" is 21). */
const BYTES_PER_RATING = 24;

export interface LongReadOptions {
  /** Header names for the user, movie and rating columns; by default found among the usual names (long-columns.ts). */
  readonly columns?: LongColumnNames;
  /** Valid ratings; default: any number >= 0 a float32 holds, the data's scale then being the one it shows. */
  readonly ratingRange?: RatingRange;
  /** Keep only the first `rows` users in id order (the whole file is still read: it is not sorted by user). */
  readonly rows?: number;
  readonly onProgress?: (bytes: number, ratings: number) => void;
}

/**
 * Reads a long-format ratings file, plain or gzip, in the layout its first line shows (long-layout.ts): MovieLens'
 * `userId,movieId,rating,timestamp` with a header, 100k's tab-separated `u.data` without one, 1M/10M's `::`
 * `ratings.dat`, `;` or `|` files; other column names, orders or positions via `columns`. The result is the same
 * RatingsData as the pivot's: rows sorted by user id, columns by movie id, a user who rated a movie more than once
 * gets the mean (as pivot_table would give) and, when the file has timestamps, the latest of their times.
 */
export async function readLongRatingsCsv(path: string, options: LongReadOptions = {}): Promise<RatingsData> {
  const built = longRatingsToCsr(await scanLongCsv(path, options), path);
  return firstDataRows({ ...built, ratingRange: resolveRatingRange(options.ratingRange, built.matrix) }, options.rows);
}

/**
 * The CSR of scanned long ratings in any order (both long readers' general path): users and movies ranked by id, a
 * stable counting sort by movie, repeats of a pair averaged, each entry's latest time. Overwrites `users` and
 * `movies` with their ranks.
 */
export function longRatingsToCsr(scanned: ScannedLong, source: string): UnscaledRatings {
  const { users, movies, ratings, timestamps, count } = scanned;
  const { ids: userIds } = rankIdsInPlace(users, count);
  const { ids: movieIds } = rankIdsInPlace(movies, count);
  const built = buildCsr({
    nRows: userIds.length,
    nCols: movieIds.length,
    row: users,
    value: ratings,
    columns: columnOrder(movies, count, movieIds.length),
  });
  return {
    matrix: built.matrix,
    customerIds: Int32Array.from(built.rowOf, (r) => userIds[r]),
    movieIds: Int32Array.from(built.colOf, (c) => movieIds[c]),
    source,
    timestamps: timestamps === null ? null : entryTimes(built, users, movies, timestamps, count),
  };
}

/** The scan alone: header resolved, every data line validated into typed arrays. */
export async function scanLongCsv(path: string, options: LongReadOptions = {}): Promise<ScannedLong> {
  const input = await inspectInput(path);
  const range = options.ratingRange ?? anyRatingRange;
  const capacity = (input.gzip ? input.size * 5 : input.size) / BYTES_PER_RATING;
  let scanner: LongScanner | null = null;
  await scanLines(
    input,
    (buf, start, end) => {
      if (scanner === null) {
        const nl = buf.indexOf(NL, start);
        const first = Buffer.from(buf.buffer, buf.byteOffset + start, nl - start).toString('utf8');
        const layout = detectLongLayout(first);
        if (layout === null) throw dataError(messages.longNoHeader(path));
        const columns = resolveLongColumns(path, layout, options.columns);
        scanner = new LongScanner(path, columns, layout.delimiter, range, capacity, layout.header ? 1 : 0);
        if (layout.header) start = nl + 1;
      }
      if (start < end) scanner.scan(buf, start, end);
    },
    (bytes) => options.onProgress?.(bytes, scanner === null ? 0 : (scanner as LongScanner).ratingCount),
  );
  if (scanner === null) throw dataError(messages.longNoHeader(path));
  const scanned = (scanner as LongScanner).finish();
  if (scanned.count === 0) throw dataError(messages.noDataRows(path));
  return scanned;
}

/** Segments for buildCsr: a stable counting sort of the ratings by column. */
export function columnOrder(cols: Int32Array, count: number, nCols: number): ColumnOrder {
  const start = new Float64Array(nCols + 1);
  for (let p = 0; p < count; p++) start[cols[p] + 1]++;
  for (let c = 0; c < nCols; c++) start[c + 1] += start[c];
  const cursor = Int32Array.from(start.subarray(0, nCols));
  const order = new Int32Array(count);
  for (let p = 0; p < count; p++) order[cursor[cols[p]]++] = p;
  return {
    segCol: Int32Array.from({ length: nCols }, (_, c) => c),
    segStart: start.slice(0, nCols),
    segEnd: start.slice(1),
    order,
  };
}
