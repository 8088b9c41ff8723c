import type { CsrMatrix } from '../matrix/csr.js';

/**
 * The k-means inner loops over one block of rows [r0, r1). They trust their input (validated by the readers) and
 * allocate nothing. Centres are dense and transposed, `centersT[col * k + c]`, so that one stored rating reads
 * its k centre coordinates from one cache line.
 *
 * Every reduction over rows is done per block of BLOCK_ROWS rows and the block results are added in block order,
 * whoever computed them: so the result is bit-identical for any number of threads.
 */
export const BLOCK_ROWS = 2048;

export function blockCount(nRows: number): number {
  return Math.ceil(nRows / BLOCK_ROWS);
}

/** Squared Euclidean norm of every row. */
export function rowSquaredNorms(m: CsrMatrix, r0 = 0, r1 = m.nRows, out = new Float64Array(m.nRows)): Float64Array {
  const { rowPtr, values } = m;
  for (let i = r0; i < r1; i++) {
    const end = rowPtr[i + 1];
    if (values === null) {
      out[i] = end - rowPtr[i];
      continue;
    }
    let s = 0;
    for (let p = rowPtr[i]; p < end; p++) {
      const v = values[p];
      s += v * v;
    }
    out[i] = s;
  }
  return out;
}

/** Squared norm of each of the k centres in the transposed layout. */
export function centerSquaredNorms(centersT: Float64Array, k: number, out = new Float64Array(k)): Float64Array {
  out.fill(0);
  const len = centersT.length;
  for (let p = 0; p < len; p += k) {
    for (let c = 0; c < k; c++) {
      const v = centersT[p + c];
      out[c] += v * v;
    }
  }
  return out;
}

/**
 * The E-step and the partial M-step for a block: labels each row with its nearest centre (first on ties), stores
 * that squared distance, and adds the row into `sumsT` (transposed, zeroed by the caller) and `counts`.
 * Returns the block's inertia. `dots` is scratch of length k.
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
  dots: Float64Array,
): number {
  const { rowPtr, colIdx, values } = m;
  let inertia = 0;
  for (let i = r0; i < r1; i++) {
    const start = rowPtr[i];
    const end = rowPtr[i + 1];
    for (let c = 0; c < k; c++) dots[c] = 0;
    if (values === null) {
      for (let p = start; p < end; p++) {
        const base = colIdx[p] * k;
        for (let c = 0; c < k; c++) dots[c] += centersT[base + c];
      }
    } else {
      for (let p = start; p < end; p++) {
        const base = colIdx[p] * k;
        const v = values[p];
        for (let c = 0; c < k; c++) dots[c] += v * centersT[base + c];
      }
    }
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
    if (bestD < 0) bestD = 0; // rounding of |x|^2 - 2x.c + |c|^2 when x is (almost) its centre
    labels[i] = best;
    minDist[i] = bestD;
    inertia += bestD;
    if (sumsT !== null) {
      counts![best] += 1;
      if (values === null) {
        for (let p = start; p < end; p++) sumsT[colIdx[p] * k + best] += 1;
      } else {
        for (let p = start; p < end; p++) sumsT[colIdx[p] * k + best] += values[p];
      }
    }
  }
  return inertia;
}

/**
 * For k-means++: squared distance of each row to each of `t` candidate centres (transposed in `candT`), capped by
 * the row's current closest distance, written to out[c * n + i]. Adds each candidate's block potential into
 * `potentials` (length t, zeroed per block by the caller).
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
  dots: Float64Array,
): void {
  const { rowPtr, colIdx, values } = m;
  const n = m.nRows;
  for (let i = r0; i < r1; i++) {
    const end = rowPtr[i + 1];
    for (let c = 0; c < t; c++) dots[c] = 0;
    if (values === null) {
      for (let p = rowPtr[i]; p < end; p++) {
        const base = colIdx[p] * t;
        for (let c = 0; c < t; c++) dots[c] += candT[base + c];
      }
    } else {
      for (let p = rowPtr[i]; p < end; p++) {
        const base = colIdx[p] * t;
        const v = values[p];
        for (let c = 0; c < t; c++) dots[c] += v * candT[base + c];
      }
    }
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

/** Writes row `row` of `m` as centre `c` of a transposed k-centre array (which must be zero there). */
export function scatterRowIntoCenter(m: CsrMatrix, row: number, centersT: Float64Array, k: number, c: number): void {
  const { rowPtr, colIdx, values } = m;
  for (let p = rowPtr[row]; p < rowPtr[row + 1]; p++) centersT[colIdx[p] * k + c] = values === null ? 1 : values[p];
}
