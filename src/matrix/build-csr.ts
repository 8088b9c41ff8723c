import { makeColIdx, type CsrMatrix } from './csr.js';

/**
 * The ratings in ascending column order, without moving them: segment s is column segCol[s] and holds the
 * positions [segStart[s], segEnd[s]) of `order` (or of the rating arrays themselves when `order` is null).
 * The Netflix files come grouped by movie, so their segments are the movie runs sorted by movie and need no
 * `order`; a long CSV needs a counting-sort permutation.
 */
export interface ColumnOrder {
  readonly segCol: Int32Array;
  readonly segStart: Float64Array;
  readonly segEnd: Float64Array;
  readonly order: Int32Array | null;
}

/** Ratings as (row, column, value) triples, rows and columns already ranked to 0..n-1. */
export interface RatingTriples {
  readonly nRows: number;
  readonly nCols: number;
  /** The row of each rating. */
  readonly row: Int32Array;
  readonly value: Uint8Array | Float32Array;
  readonly columns: ColumnOrder;
}

/** Which rows and columns survive (1) or not (0); absent means all. */
export interface KeepMask {
  readonly rows?: Uint8Array;
  readonly cols?: Uint8Array;
}

export interface BuiltCsr {
  readonly matrix: CsrMatrix;
  /** The input row of each output row (rows left with no rating are dropped, as pivot_table drops them). */
  readonly rowOf: Int32Array;
  /** The input column of each output column. */
  readonly colOf: Int32Array;
  /** Ratings that survived the mask, counting each repeat of a pair. */
  readonly kept: number;
  /** Row/column pairs that had more than one rating; each became the mean of its ratings. */
  readonly duplicatePairs: number;
}

/**
 * Builds the CSR matrix by counting sort: one pass counts the kept ratings per row and column, then each rating is
 * dropped into its row (scatterToRows). Visiting the ratings in column order leaves every row's columns ascending
 * and puts repeats of a pair side by side, so a last pass can average them in place. Extra memory besides the
 * output: O(rows + cols), and 2 bytes per kept rating while scattering.
 */
export function buildCsr(t: RatingTriples, keep: KeepMask = {}): BuiltCsr {
  const { row } = t;
  const { segCol, segStart, segEnd, order } = t.columns;
  const keepRow = keep.rows ?? new Uint8Array(t.nRows).fill(1);
  const keepCol = keep.cols ?? new Uint8Array(t.nCols).fill(1);
  const nSeg = segCol.length;

  // positions into the rating arrays are int32 (| 0): a typed array that long would be 8 GB, and V8 indexes
  // far faster with integer than with float64 loop counters
  const rowCount = new Int32Array(t.nRows);
  const colCount = new Int32Array(t.nCols);
  for (let s = 0; s < nSeg; s++) {
    const c = segCol[s];
    if (keepCol[c] === 0) continue;
    const end = segEnd[s] | 0;
    let kept = 0;
    for (let q = segStart[s] | 0; q < end; q++) {
      const r = row[order === null ? q : order[q]];
      if (keepRow[r] === 0) continue;
      rowCount[r]++;
      kept++;
    }
    colCount[c] += kept;
  }

  const { map: outRow, of: rowOf } = compactIndex(rowCount);
  const { map: outCol, of: colOf } = compactIndex(colCount);
  const nRows = rowOf.length;
  const nCols = colOf.length;
  const rowPtr = new Float64Array(nRows + 1);
  for (let i = 0; i < nRows; i++) rowPtr[i + 1] = rowPtr[i] + rowCount[rowOf[i]];
  const kept = rowPtr[nRows];
  const colIdx = makeColIdx(nCols, kept);
  const values = new Float32Array(kept);
  scatterToRows(t, outRow, outCol, rowPtr, colIdx, values);

  const duplicatePairs = mergeRepeats(rowPtr, colIdx, values);
  const total = rowPtr[nRows];
  const matrix: CsrMatrix =
    total === kept
      ? { nRows, nCols, rowPtr, colIdx, values }
      : { nRows, nCols, rowPtr, colIdx: colIdx.slice(0, total), values: values.slice(0, total) };
  return { matrix, rowOf, colOf, kept, duplicatePairs };
}

/** scatterToRows' first pass writes to at most this many blocks: each a write stream with its own page. */
const MAX_BLOCKS = 256;

/**
 * Drops every kept rating into its row, in column order. Done directly, each rating would land in one of 100,000s
 * of scattered write positions: a cache and TLB miss per rating (about 270 ns here). So it goes in two stable
 * passes instead: first into the CSR range of its block of 512 rows (a few hundred sequential write streams),
 * remembering its row within the block; then block by block, each block's range (a megabyte or two, in cache)
 * is copied aside and scattered into its rows. Extra memory: 2 bytes per rating and one block's range.
 */
function scatterToRows(
  t: RatingTriples,
  outRow: Int32Array,
  outCol: Int32Array,
  rowPtr: Float64Array,
  colIdx: Uint16Array | Int32Array,
  values: Float32Array,
): void {
  const { row, value } = t;
  const { segCol, segStart, segEnd, order } = t.columns;
  const nRows = rowPtr.length - 1;
  // 2^shift rows per block, at most 2^16 so that a row within its block fits rowInBlock's 16 bits
  let shift = 6;
  while (shift < 16 && nRows > MAX_BLOCKS << shift) shift++;
  const blockRows = 1 << shift;
  const nBlocks = Math.ceil(nRows / blockRows);
  const blockCursor = new Int32Array(nBlocks);
  let widest = 0;
  for (let b = 0; b < nBlocks; b++) {
    blockCursor[b] = rowPtr[b << shift];
    widest = Math.max(widest, rowPtr[Math.min(nRows, (b + 1) << shift)] - blockCursor[b]);
  }
  const rowInBlock = new Uint16Array(colIdx.length);

  for (let s = 0; s < segCol.length; s++) {
    const out = outCol[segCol[s]];
    // a dropped column, or a kept one whose customers were all dropped
    if (out < 0) continue;
    const end = segEnd[s] | 0;
    for (let q = segStart[s] | 0; q < end; q++) {
      const p = order === null ? q : order[q];
      // -1: the customer was dropped, or kept with no rating on a kept movie
      const i = outRow[row[p]];
      if (i < 0) continue;
      const at = blockCursor[i >> shift]++;
      colIdx[at] = out;
      values[at] = value[p];
      rowInBlock[at] = i & (blockRows - 1);
    }
  }

  const tmpCol = colIdx.slice(0, widest);
  const tmpVal = new Float32Array(widest);
  const tmpRow = new Uint16Array(widest);
  const cursor = new Int32Array(blockRows);
  for (let b = 0; b < nBlocks; b++) {
    const first = b << shift;
    const last = Math.min(nRows, first + blockRows);
    const lo = rowPtr[first];
    const hi = rowPtr[last];
    const len = hi - lo;
    tmpCol.set(colIdx.subarray(lo, hi));
    tmpVal.set(values.subarray(lo, hi));
    tmpRow.set(rowInBlock.subarray(lo, hi));
    for (let j = 0; j < last - first; j++) cursor[j] = rowPtr[first + j];
    for (let k = 0; k < len; k++) {
      const at = cursor[tmpRow[k]]++;
      colIdx[at] = tmpCol[k];
      values[at] = tmpVal[k];
    }
  }
}

/** Index of each non-empty slot among the non-empty slots (-1 for empty ones), and the reverse map. */
function compactIndex(counts: Int32Array): { map: Int32Array; of: Int32Array } {
  const map = new Int32Array(counts.length).fill(-1);
  let n = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) map[i] = n++;
  const of = new Int32Array(n);
  for (let i = 0; i < counts.length; i++) if (map[i] >= 0) of[map[i]] = i;
  return { map, of };
}

/**
 * Averages runs of one column inside a row (a customer who rated a movie twice: pivot_table's mean), compacting
 * in place and rewriting rowPtr. Returns how many pairs were merged. Costs one pass when there are none.
 */
function mergeRepeats(rowPtr: Float64Array, colIdx: Uint16Array | Int32Array, values: Float32Array): number {
  const nRows = rowPtr.length - 1;
  let pairs = 0;
  let w = 0;
  let start = rowPtr[0];
  for (let i = 0; i < nRows; i++) {
    const end = rowPtr[i + 1];
    let p = start;
    while (p < end) {
      const c = colIdx[p];
      let sum = values[p];
      let n = 1;
      p++;
      while (p < end && colIdx[p] === c) {
        sum += values[p];
        n++;
        p++;
      }
      if (n > 1) pairs++;
      colIdx[w] = c;
      values[w] = n === 1 ? sum : sum / n;
      w++;
    }
    start = end;
    rowPtr[i + 1] = w;
  }
  return pairs;
}
