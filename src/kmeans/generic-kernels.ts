import type { CsrMatrix } from '../matrix/csr.js';

/**
 * The kernels for more centres than kernel-codegen.ts specialises: one sum per centre in a scratch array, the
 * entries of a row in order, no bounds. Slower per centre, but with that many centres the sums no longer fit the
 * registers anyway.
 */

let dotsScratch = new Float64Array(64);

/** The per-row sums, reused across calls (a thread runs one kernel at a time). */
function scratch(k: number): Float64Array {
  if (dotsScratch.length < k) dotsScratch = new Float64Array(k);
  return dotsScratch;
}

export function genericLloyd(
  k: number,
  rowPtr: Float64Array,
  colIdx: CsrMatrix['colIdx'],
  values: Float32Array | null,
  xNorms: Float64Array,
  centersT: Float64Array,
  cNorms: Float64Array,
  r0: number,
  r1: number,
  labels: Int32Array,
  minDist: Float64Array | null,
): number {
  const dots = scratch(k);
  let inertia = 0;
  for (let i = r0; i < r1; i++) {
    rowDots(rowPtr, colIdx, values, centersT, k, i, dots);
    const xn = xNorms[i];
    let best = 0;
    let bestD = xn - 2 * dots[0] + cNorms[0];
    for (let c = 1; c < k; c++) {
      const d = xn - 2 * dots[c] + cNorms[c];
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    if (bestD < 0) bestD = 0;
    labels[i] = best;
    if (minDist !== null) minDist[i] = bestD;
    inertia += bestD;
  }
  return inertia;
}

export function genericCandidates(
  t: number,
  rowPtr: Float64Array,
  colIdx: CsrMatrix['colIdx'],
  values: Float32Array | null,
  xNorms: Float64Array,
  candT: Float64Array,
  candNorms: Float64Array,
  r0: number,
  r1: number,
  closest: Float64Array,
  out: Float64Array,
  n: number,
  potentials: Float64Array,
): void {
  const dots = scratch(t);
  for (let i = r0; i < r1; i++) {
    rowDots(rowPtr, colIdx, values, candT, t, i, dots);
    const xn = xNorms[i];
    const cur = closest[i];
    for (let c = 0; c < t; c++) {
      let d = xn - 2 * dots[c] + candNorms[c];
      if (d < 0) d = 0;
      if (d > cur) d = cur;
      out[c * n + i] = d;
      potentials[c] += d;
    }
  }
}

function rowDots(
  rowPtr: Float64Array,
  colIdx: CsrMatrix['colIdx'],
  values: Float32Array | null,
  w: Float64Array,
  k: number,
  i: number,
  dots: Float64Array,
): void {
  for (let c = 0; c < k; c++) dots[c] = 0;
  const end = rowPtr[i + 1];
  for (let p = rowPtr[i]; p < end; p++) {
    const base = colIdx[p] * k;
    const v = values === null ? 1 : values[p];
    for (let c = 0; c < k; c++) dots[c] += v * w[base + c];
  }
}
