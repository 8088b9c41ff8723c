import type { BuiltCsr } from '../../matrix/build-csr.js';

/**
 * The time of each stored entry of `built`, from the scanned ratings' (user rank, movie rank, time): entry q of the
 * CSR gets the latest time of the ratings it was built from (a repeated pair became their mean, rated last at its
 * latest time). Ratings are bucketed by output row (a counting sort), then each row's columns are looked up in a
 * column -> entry table filled for that row: O(ratings + entries), no search. Dropped rows and columns are skipped.
 */
export function entryTimes(
  built: BuiltCsr,
  users: Int32Array,
  movies: Int32Array,
  times: Float64Array,
  count: number,
): Float64Array {
  const { nRows, nCols, rowPtr, colIdx } = built.matrix;
  const outRow = inverse(built.rowOf, users, count);
  const outCol = inverse(built.colOf, movies, count);
  const start = new Int32Array(nRows + 1);
  for (let p = 0; p < count; p++) {
    const r = outRow[users[p]];
    if (r >= 0 && outCol[movies[p]] >= 0) start[r + 1]++;
  }
  for (let r = 0; r < nRows; r++) start[r + 1] += start[r];
  const cursor = start.slice(0, nRows);
  const order = new Int32Array(start[nRows]);
  for (let p = 0; p < count; p++) {
    const r = outRow[users[p]];
    if (r >= 0 && outCol[movies[p]] >= 0) order[cursor[r]++] = p;
  }
  const out = new Float64Array(rowPtr[nRows]).fill(-Infinity);
  const entryOf = new Int32Array(nCols);
  for (let r = 0; r < nRows; r++) {
    const end = rowPtr[r + 1];
    for (let q = rowPtr[r]; q < end; q++) entryOf[colIdx[q]] = q;
    const last = start[r + 1];
    for (let k = start[r]; k < last; k++) {
      const p = order[k];
      const q = entryOf[outCol[movies[p]]];
      if (times[p] > out[q]) out[q] = times[p];
    }
  }
  return out;
}

/** input index -> output index (or -1), from output -> input. */
function inverse(of: Int32Array, inputs: Int32Array, count: number): Int32Array {
  let n = 0;
  for (let p = 0; p < count; p++) if (inputs[p] >= n) n = inputs[p] + 1;
  const map = new Int32Array(n).fill(-1);
  for (let i = 0; i < of.length; i++) map[of[i]] = i;
  return map;
}
