import { messages } from '../../messages.js';
import type { CsrMatrix } from '../../matrix/csr.js';
import type { RatingRange } from '../../matrix/rating-range.js';
import type { ValueStats } from '../../matrix/value-stats.js';
import { dataError } from '../../util/errors.js';

/**
 * The checks that make a CSR file as trustworthy as a freshly scanned CSV: the kernels index centres by colIdx
 * and rows by rowPtr without bounds checks of their own. One pass over the entries; the values' check reads
 * their `stats` (valueStats of values[0 .. rowPtr[nRows]]) and looks for the bad value only when there is one.
 */
export function validateCsr(
  path: string,
  m: CsrMatrix,
  customerIds: Int32Array,
  movieIds: Int32Array,
  ratingRange: RatingRange | undefined,
  stats: ValueStats | null,
): void {
  const corrupt = (what: string) => dataError(messages.csrCorrupt(path, what));
  const { nRows, nCols, rowPtr, colIdx, values } = m;
  if (rowPtr[0] !== 0) throw corrupt(`the first row offset is ${rowPtr[0]}, not 0`);
  const maxEnd = colIdx.length;
  for (let i = 0; i < nRows; i++) {
    const start = rowPtr[i];
    const end = rowPtr[i + 1];
    if (!(end >= start && end <= maxEnd && Number.isInteger(end)))
      throw corrupt(`row ${i + 1} has offsets ${start}..${end}`);
  }
  // offsets are now known whole numbers within colIdx (an array shorter than 2^32): int32 loop counters below
  // unless there are more than 2^31 entries
  if (maxEnd > 0x7fffffff) {
    for (let i = 0; i < nRows; i++) checkColumns(rowPtr[i], rowPtr[i + 1], i);
  } else {
    for (let i = 0; i < nRows; i++) {
      const end = rowPtr[i + 1] | 0;
      let prev = -1;
      // negative as soon as one column is not above the previous one or not below nCols: one test per row
      let bad = 0;
      for (let p = rowPtr[i] | 0; p < end; p++) {
        const c = colIdx[p];
        bad |= (c - prev - 1) | (nCols - 1 - c);
        prev = c;
      }
      if (bad < 0) checkColumns(rowPtr[i], end, i);
    }
  }
  // finite bounds also turn away infinities; NaN fails every comparison (and makes the stats' min NaN)
  const lo = ratingRange ? ratingRange.min : -Number.MAX_VALUE;
  const hi = ratingRange ? ratingRange.max : Number.MAX_VALUE;
  if (values !== null && stats !== null && !(stats.min >= lo && stats.max <= hi)) {
    const firstBad = firstOutside(values, rowPtr[nRows], lo, hi);
    if (firstBad >= 0) {
      const v = values[firstBad];
      const row = rowAt(rowPtr, nRows, firstBad);
      if (!Number.isFinite(v)) throw corrupt(`row ${row + 1} holds the value ${v}`);
      throw dataError(
        messages.csrRatingOutOfRange(
          path,
          row + 1,
          customerIds[row],
          movieIds[colIdx[firstBad]],
          v,
          ratingRange!.min,
          ratingRange!.max,
        ),
      );
    }
  }

  /** The slow path, which names the first bad column of row i. */
  function checkColumns(start: number, end: number, i: number): void {
    let prev = -1;
    for (let p = start; p < end; p++) {
      const c = colIdx[p];
      if (c <= prev || c >= nCols) throw corrupt(`row ${i + 1} has column index ${c} after ${prev} (${nCols} columns)`);
      prev = c;
    }
  }
  checkIds(movieIds, 'movie', corrupt);
  checkIds(customerIds, 'Cust_Id', corrupt);
}

function checkIds(ids: Int32Array, what: string, corrupt: (what: string) => Error): void {
  let sorted = true;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] < 1) throw corrupt(`${what} ${ids[i]} at index ${i + 1} is not positive`);
    if (i > 0 && ids[i] <= ids[i - 1]) sorted = false;
  }
  if (sorted) return;
  const seen = new Set<number>();
  for (let i = 0; i < ids.length; i++) {
    if (seen.has(ids[i])) throw corrupt(`duplicate ${what} ${ids[i]} at index ${i + 1}`);
    seen.add(ids[i]);
  }
}

/** The first index whose value lies outside lo..hi (or is NaN), or -1. */
function firstOutside(values: Float32Array, total: number, lo: number, hi: number): number {
  for (let p = 0; p < total; p++) {
    const v = values[p];
    if (!(v >= lo && v <= hi)) return p;
  }
  return -1;
}

/** The row that holds entry p (binary search over the offsets). */
function rowAt(rowPtr: Float64Array, nRows: number, p: number): number {
  let lo = 0;
  let hi = nRows - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (rowPtr[mid] <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
