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
 * Builds the CSR matrix by counting sort: one pass counts the kept ratings per row and column, one pass drops each
 * rating into its row. Visiting the ratings in column order leaves every row's columns ascending and puts repeats
 * of a pair side by side, so a last pass can average them in place. Extra memory: the output, plus O(rows + cols).
 */
export function buildCsr(t: RatingTriples, keep: KeepMask = {}): BuiltCsr {
  const { row, value } = t;
  const { segCol, segStart, segEnd, order } = t.columns;
  const keepRow = keep.rows ?? new Uint8Array(t.nRows).fill(1);
  const keepCol = keep.cols ?? new Uint8Array(t.nCols).fill(1);
  const nSeg = segCol.length;

  const rowCount = new Float64Array(t.nRows);
  const colCount = new Float64Array(t.nCols);
  for (let s = 0; s < nSeg; s++) {
    const c = segCol[s];
    if (keepCol[c] === 0) continue;
    const end = segEnd[s];
    let kept = 0;
    for (let q = segStart[s]; q < end; q++) {
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
  const cursor = rowPtr.slice(0, nRows);
  const colIdx = makeColIdx(nCols, kept);
  const values = new Float32Array(kept);

  for (let s = 0; s < nSeg; s++) {
    const c = segCol[s];
    if (keepCol[c] === 0) continue;
    const out = outCol[c];
    const end = segEnd[s];
    for (let q = segStart[s]; q < end; q++) {
      const p = order === null ? q : order[q];
      const r = row[p];
      if (keepRow[r] === 0) continue;
      const i = outRow[r];
      const at = cursor[i]++;
      colIdx[at] = out;
      values[at] = value[p];
    }
  }

  const duplicatePairs = mergeRepeats(rowPtr, colIdx, values);
  const total = rowPtr[nRows];
  const matrix: CsrMatrix =
    total === kept
      ? { nRows, nCols, rowPtr, colIdx, values }
      : { nRows, nCols, rowPtr, colIdx: colIdx.slice(0, total), values: values.slice(0, total) };
  return { matrix, rowOf, colOf, kept, duplicatePairs };
}

/** Index of each non-empty slot among the non-empty slots (-1 for empty ones), and the reverse map. */
function compactIndex(counts: Float64Array): { map: Int32Array; of: Int32Array } {
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
