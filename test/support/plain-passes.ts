/**
 * The plain passes the kernels must reproduce, written as plain loops for the tests only: every distance of
 * every row, no bounds, no generated code, no WebAssembly. Each dot product is summed as every kernel sums it
 * (kernel-templates.ts dotSource, centre-dots.ts): a over the row's even entries, b over its odd ones, in order,
 * then `xn - 2 * (a + b) + norm`, so the kernels must give these bits exactly.
 */
import { addRowsToSums } from '../../src/kmeans/kernels.js';
import type { CsrMatrix } from '../../src/matrix/csr.js';

/** Row i's dot product with centre c of k (transposed, `centersT[col * k + c]`), summed as the kernels do. */
export function plainDot(m: CsrMatrix, i: number, centersT: Float64Array, k: number, c: number): number {
  const { rowPtr, colIdx, values } = m;
  let a = 0;
  let b = 0;
  for (let p = rowPtr[i], e = 0; p < rowPtr[i + 1]; p++, e++) {
    const term = (values === null ? 1 : values[p]) * centersT[colIdx[p] * k + c];
    if (e % 2 === 0) a += term;
    else b += term;
  }
  return a + b;
}

/**
 * The E-step and the partial M-step for a block: labels each row with its nearest centre (first on ties), stores
 * that squared distance (clamped at 0), and adds the row into `sumsT` (transposed, zeroed by the caller) and
 * `counts`. Returns the block's inertia.
 */
export function lloydBlock(
  m: CsrMatrix,
  xNorms: Float64Array,
  centersT: Float64Array,
  cNorms: Float64Array,
  k: number,
  r0: number,
  r1: number,
  labels: Int32Array,
  minDist: Float64Array,
  sumsT: Float64Array | null,
  counts: Float64Array | null,
): number {
  let inertia = 0;
  for (let i = r0; i < r1; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const d = xNorms[i] - 2 * plainDot(m, i, centersT, k, c) + cNorms[c];
      if (d < bestD) {
        best = c;
        bestD = d;
      }
    }
    labels[i] = best;
    minDist[i] = bestD < 0 ? 0 : bestD;
    inertia += minDist[i];
  }
  if (sumsT !== null) addRowsToSums(m, k, r0, r1, labels, sumsT, counts!);
  return inertia;
}

/**
 * For k-means++: squared distance of each row to each of `t` candidate centres (transposed in `candT`), clamped at
 * 0 and capped by the row's current closest distance, written to out[c * n + i]. Adds each candidate's block
 * potential into `potentials` (length t, zeroed per block by the caller).
 */
export function candidateDistancesBlock(
  m: CsrMatrix,
  xNorms: Float64Array,
  candT: Float64Array,
  candNorms: Float64Array,
  t: number,
  r0: number,
  r1: number,
  closest: Float64Array,
  out: Float64Array,
  potentials: Float64Array,
): void {
  for (let i = r0; i < r1; i++) {
    for (let c = 0; c < t; c++) {
      let d = xNorms[i] - 2 * plainDot(m, i, candT, t, c) + candNorms[c];
      if (d < 0) d = 0;
      if (d > closest[i]) d = closest[i];
      out[c * m.nRows + i] = d;
      potentials[c] += d;
    }
  }
}
