import { messages } from '../../messages.js';
import type { RatingsData } from '../../matrix/csr.js';
import { anyRatingRange, type RatingRange } from '../../matrix/rating-range.js';
import { resolveRatingRange } from '../../matrix/value-stats.js';
import { dataError } from '../../util/errors.js';
import { inspectInput, readChunks } from '../open-input.js';
import { parsePivotHeader, PivotRowScanner, type ScannedRows } from './pivot-scanner.js';

const NL = 10;

export interface PivotReadOptions {
  /** Keep only the first `rows` customers (the original's `head(N)`); stop reading there. */
  readonly rows?: number;
  /** Valid ratings; default: any number >= 0 a float32 holds, the data's scale then being the one it shows. */
  readonly ratingRange?: RatingRange;
  /** Called now and then with the bytes read so far, for a progress line. */
  readonly onProgress?: (bytes: number, rows: number) => void;
}

/**
 * Reads the df_p pivot CSV (`Cust_Id,<movie id>,...`, empty cell = not rated), plain or gzip, streamed into a CSR
 * matrix. Memory is proportional to the number of ratings, never to rows x movies.
 */
export async function readPivotRatingsCsv(path: string, options: PivotReadOptions = {}): Promise<RatingsData> {
  const input = await inspectInput(path);
  const range = options.ratingRange ?? anyRatingRange;
  const rowLimit = options.rows ?? Number.POSITIVE_INFINITY;
  // a rating takes at least two bytes ("3,"), usually four; gzip shrinks the pivot about 15 times
  const capacityHint = Math.min(input.gzip ? input.size * 8 : input.size / 4, 1e9);

  let movieIds: Int32Array | null = null;
  let scanner: PivotRowScanner | null = null;
  let lineNo = 0;
  let carry: Buffer | null = null;
  let bytes = 0;
  let done = false;

  const handleLine = (buf: Buffer, start: number, end: number) => {
    lineNo++;
    if (scanner === null) {
      const header = parsePivotHeader(path, buf.subarray(start, end));
      movieIds = header.movieIds;
      scanner = new PivotRowScanner(path, movieIds.length, range, options.rows ? options.rows * 600 : capacityHint);
      return;
    }
    scanner.scanLine(buf, start, end, lineNo);
    if (scanner.rowCount >= rowLimit) done = true;
  };

  for await (const chunk of readChunks(input)) {
    bytes += chunk.length;
    let pos = 0;
    if (carry !== null) {
      const nl = chunk.indexOf(NL);
      if (nl < 0) {
        carry = Buffer.concat([carry, chunk]);
        continue;
      }
      const line = Buffer.concat([carry, chunk.subarray(0, nl)]);
      carry = null;
      handleLine(line, 0, line.length);
      pos = nl + 1;
    }
    while (!done) {
      const nl = chunk.indexOf(NL, pos);
      if (nl < 0) break;
      handleLine(chunk, pos, nl);
      pos = nl + 1;
    }
    if (done) break;
    if (pos < chunk.length) carry = Buffer.from(chunk.subarray(pos));
    options.onProgress?.(bytes, scanner === null ? 0 : (scanner as PivotRowScanner).rowCount);
  }
  if (!done && carry !== null && carry.length > 0) handleLine(carry, 0, carry.length);

  if (scanner === null || movieIds === null) throw dataError(messages.inputEmpty(path));
  const rows = (scanner as PivotRowScanner).finish();
  if (rows.nRows === 0) throw dataError(messages.noDataRows(path));
  checkUniqueCustomers(path, rows);
  return {
    matrix: {
      nRows: rows.nRows,
      nCols: (movieIds as Int32Array).length,
      rowPtr: rows.rowPtr,
      colIdx: rows.colIdx,
      values: rows.values,
    },
    customerIds: rows.customerIds,
    movieIds,
    source: path,
    ratingRange: resolveRatingRange(options.ratingRange, rows),
  };
}

/** Cust_Ids must be unique. The pivot is sorted, so this is one pass unless the file is out of order. */
export function checkUniqueCustomers(path: string, rows: Pick<ScannedRows, 'customerIds' | 'lines'>): void {
  const ids = rows.customerIds;
  let sorted = true;
  for (let i = 1; i < ids.length; i++) {
    if (ids[i] <= ids[i - 1]) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  const order = Array.from(ids.keys()).sort((a, b) => ids[a] - ids[b] || a - b);
  for (let j = 1; j < order.length; j++) {
    if (ids[order[j]] === ids[order[j - 1]]) {
      throw dataError(messages.duplicateCustomer(path, rows.lines[order[j]], ids[order[j]], rows.lines[order[j - 1]]));
    }
  }
}
