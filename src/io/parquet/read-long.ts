import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type DecodedArray,
  type FileMetaData,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { firstDataRows, type RatingsData } from '../../matrix/csr.js';
import { messages } from '../../messages.js';
import { dataError, UserError } from '../../util/errors.js';
import { LongBuffer } from '../long/long-buffer.js';
import { longRatingsToCsr, type LongReadOptions } from '../long/long-csv.js';
import { resolveParquetColumns, type ParquetLongColumns } from './columns.js';
import { sortedRatingsToCsr } from './sorted-csr.js';
import { anyRatingRange } from '../../matrix/rating-range.js';
import { resolveRatingRange } from '../../matrix/value-stats.js';
import { StoredId } from '../cell-text.js';

const MAX_ID_BIG = 2147483647n;

/**
 * Reads long-format ratings from Parquet (one file, or the part files of a folder as Spark writes them) into the
 * same RatingsData as a long CSV: rows sorted by user id, columns by movie id, repeats of a pair averaged. Each
 * row group's three columns are decoded, checked and copied into typed arrays before the next is read, so memory
 * is the ratings' 12 bytes each plus one row group, never the table as JavaScript objects.
 */
export async function readLongRatingsParquet(
  paths: readonly string[],
  options: LongReadOptions = {},
): Promise<RatingsData> {
  // as the long CSV: any rating >= 0 unless --rating-range says, and the scale is then the one the data shows
  const range = options.ratingRange ?? anyRatingRange;
  const opened = [];
  let total = 0;
  for (const path of paths) {
    const file = await open(path);
    opened.push(file);
    total += Number(file.metadata.num_rows);
  }
  // every file's columns first: a bad schema in the last part fails before the first is read
  const columns = opened.map((f) =>
    resolveParquetColumns(
      f.path,
      parquetSchema(f.metadata).children.map((c) => c.element),
      options.columns,
    ),
  );
  const withTimes = columns.every((c) => c.timestamp !== null);
  const out = new LongBuffer(total, withTimes);
  let bytes = 0;
  for (let i = 0; i < opened.length; i++) {
    const file = opened[i];
    await scanFile(file, withTimes ? columns[i] : { ...columns[i], timestamp: null }, range, out, (groupBytes) => {
      bytes += groupBytes;
      options.onProgress?.(bytes, out.count);
    });
  }
  const scanned = out.finish();
  const { users, movies, ratings, timestamps, count } = scanned;
  if (count === 0) throw dataError(messages.parquetNoRows(paths.length === 1 ? paths[0] : paths.join(', ')));
  const source = paths.length === 1 ? paths[0] : paths.join(',');
  // sorted, each pair once: entry p of the CSR is rating p, so the times line up as they are
  const sorted = sortedRatingsToCsr(users, movies, ratings, count, source);
  const built = sorted === null ? longRatingsToCsr(scanned, source) : { ...sorted, timestamps };
  return firstDataRows({ ...built, ratingRange: resolveRatingRange(options.ratingRange, built.matrix) }, options.rows);
}

interface OpenedFile {
  readonly path: string;
  readonly file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  readonly metadata: FileMetaData;
}

async function open(path: string): Promise<OpenedFile> {
  const file = await asyncBufferFromFile(path);
  const metadata = await unreadable(path, () => parquetMetadataAsync(file));
  return { path, file, metadata };
}

/** hyparquet's own errors (a bad footer, a page that does not decompress) become one data-error line. */
async function unreadable<T>(path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw dataError(messages.parquetUnreadable(path, (err as Error).message));
  }
}

async function scanFile(
  f: OpenedFile,
  cols: ParquetLongColumns,
  range: { min: number; max: number },
  out: LongBuffer,
  onGroup: (bytes: number) => void,
): Promise<void> {
  const columns = [cols.user, cols.movie, cols.rating, ...(cols.timestamp === null ? [] : [cols.timestamp])];
  let groupStart = 0;
  for (const group of f.metadata.row_groups) {
    const n = Number(group.num_rows);
    const base = out.count;
    const { users, movies, ratings, times } = out.reserve(n);
    const filled = [0, 0, 0, cols.timestamp === null ? n : 0];
    // hyparquet calls onChunk inside a promise callback whose rejection nobody awaits: keep the first error and
    // throw it after the read, or a bad value would become an unhandled rejection instead of a data error
    let failure: unknown = null;
    // one row group at a time: its pages arrive as chunks (typed arrays when plain or delta encoded), copied
    // straight into the rating arrays, so no array of the whole column is ever assembled
    await unreadable(f.path, () =>
      parquetRead({
        file: f.file,
        metadata: f.metadata,
        columns,
        rowStart: groupStart,
        rowEnd: groupStart + n,
        compressors,
        onChunk: ({ columnName, columnData, rowStart }) => {
          if (failure !== null || rowStart < groupStart || rowStart - groupStart + columnData.length > n) return;
          const at = base + rowStart - groupStart;
          try {
            if (columnName === cols.user) {
              copyIds(f.path, rowStart, cols.user, 'user', columnData, users, at);
              filled[0] += columnData.length;
            } else if (columnName === cols.movie) {
              copyIds(f.path, rowStart, cols.movie, 'movie', columnData, movies, at);
              filled[1] += columnData.length;
            } else if (columnName === cols.rating) {
              copyRatings(f.path, rowStart, cols.rating, columnData, ratings, at, range);
              filled[2] += columnData.length;
            } else if (columnName === cols.timestamp && times !== null) {
              copyTimes(f.path, rowStart, columnName, columnData, times, at);
              filled[3] += columnData.length;
            }
          } catch (err) {
            failure = err;
          }
        },
      }),
    );
    if (failure !== null) throw failure;
    if (filled.some((c) => c !== n)) {
      throw dataError(
        messages.parquetUnreadable(f.path, `a row group of ${n} rows decoded to ${filled.join('/')} values`),
      );
    }
    out.setCount(base + n);
    groupStart += n;
    onGroup(Number(group.total_compressed_size ?? group.total_byte_size));
  }
}

/** Ids into `dest[base..]`: int32 columns copied with one range check, anything else value by value. */
function copyIds(
  file: string,
  rowStart: number,
  column: string,
  role: string,
  src: DecodedArray,
  dest: Int32Array,
  base: number,
): void {
  const n = src.length;
  if (src instanceof Int32Array) {
    for (let i = 0; i < n; i++) {
      const v = src[i];
      if (v < 1) throw dataError(messages.parquetBadId(file, rowStart + i + 1, column, role, String(v)));
      dest[base + i] = v;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const v: unknown = src[i];
    let id = NaN;
    if (typeof v === 'number') id = v;
    else if (typeof v === 'bigint') id = v >= 1n && v <= MAX_ID_BIG ? Number(v) : NaN;
    else if (typeof v === 'string') id = /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
    else if (v === null || v === undefined)
      throw dataError(messages.parquetNullId(file, rowStart + i + 1, column, role));
    if (!(Number.isInteger(id) && id >= 1 && id <= StoredId.MAX))
      throw dataError(messages.parquetBadId(file, rowStart + i + 1, column, role, String(v)));
    dest[base + i] = id;
  }
}

/** Ratings into `dest[base..]`: null and NaN are errors, as an empty or non-numeric CSV cell is. */
function copyRatings(
  file: string,
  rowStart: number,
  column: string,
  src: DecodedArray,
  dest: Float32Array,
  base: number,
  range: { min: number; max: number },
): void {
  const { min: lo, max: hi } = range;
  const n = src.length;
  for (let i = 0; i < n; i++) {
    const raw: unknown = src[i];
    const v = typeof raw === 'number' ? raw : typeof raw === 'bigint' ? Number(raw) : NaN;
    if (!(v >= lo && v <= hi)) {
      if (!Number.isNaN(v))
        throw dataError(messages.parquetRatingOutOfRange(file, rowStart + i + 1, column, v, lo, hi));
      throw dataError(messages.parquetBadRating(file, rowStart + i + 1, column, String(raw)));
    }
    dest[base + i] = v;
  }
}

/** Times into `dest[base..]` in seconds: numbers as they are, Parquet timestamps and dates (Date objects) converted. */
function copyTimes(
  file: string,
  rowStart: number,
  column: string,
  src: DecodedArray,
  dest: Float64Array,
  base: number,
): void {
  const n = src.length;
  for (let i = 0; i < n; i++) {
    const raw: unknown = src[i];
    const t =
      typeof raw === 'number'
        ? raw
        : typeof raw === 'bigint'
          ? Number(raw)
          : raw instanceof Date
            ? raw.getTime() / 1000
            : NaN;
    if (!Number.isFinite(t)) throw dataError(messages.parquetBadTimestamp(file, rowStart + i + 1, column, String(raw)));
    dest[base + i] = t;
  }
}
