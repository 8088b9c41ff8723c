import type { BuiltCsr } from '../../matrix/build-csr.js';

/**
 * The time of each stored entry of `built`, from the scanned ratings' (user rank, movie rank, time): entry p of the
 * CSR gets the latest time of the ratings it was built from (a repeated pair became their mean, rated last at its
 * latest time). One binary search per rating in its row's ascending columns; dropped rows and columns are skipped.
 */
export function entryTimes(built: BuiltCsr, users: Int32Array, movies: Int32Array, times: Float64Array, count: number): Float64Array {
  const { rowPtr, colIdx } = built.matrix;
  const outRow = inverse(built.rowOf, users, count);
  const outCol = inverse(built.colOf, movies, count);
  const out = new Float64Array(rowPtr[built.matrix.nRows]).fill(-Infinity);
  for (let p = 0; p < count; p++) {
    const r = outRow[users[p]];
    const c = outCol[movies[p]];
    if (r < 0 || c < 0) continue;
    let lo = rowPtr[r];
    let hi = rowPtr[r + 1] - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (colIdx[mid] < c) lo = mid + 1;
      else hi = mid;
    }
    if (times[p] > out[lo]) out[lo] = times[p];
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
