import type { CsrMatrix } from '../matrix/csr.js';

/**
 * The k-means inner loops over one block of rows [r0, r1). They trust their input (validated by the readers) and
 * allocate nothing; the distance loops are generated per k (kernel-codegen.ts). Centres are dense and transposed,
 * `centersT[col * k + c]`, so that one stored rating reads its k centre coordinates from one cache line.
 *
 * Every reduction over rows is done per block of BLOCK_ROWS rows and the block results are added in block order,
 * whoever computed them: so the result is bit-identical for any number of threads. (Cluster sums may instead be
 * kept per thread when they are exact, see exact-sums.ts: exact sums do not depend on the order.)
 */
export const BLOCK_ROWS = 2048;

export function blockCount(nRows: number): number {
  return Math.ceil(nRows / BLOCK_ROWS);
}

/**
 * For k-means++: the squared distances of rows [r0, r1) to t candidates from their dot products (centre-dots.ts;
 * row r0 + r's with candidate c at dots[r * stride + c]), clamped at 0 and capped by the row's closest so far,
 * into out[c * n + i]; adds each candidate's potential over these rows into potentials[c] (zeroed by the caller).
 * The distance is the Lloyd kernels' `xn - 2 * dot + norm`, the same bits.
 */
export function cappedDistances(
  dots: Float64Array,
  stride: number,
  xNorms: Float64Array,
  candNorms: Float64Array,
  t: number,
  r0: number,
  r1: number,
  closest: Float64Array,
  out: Float64Array,
  n: number,
  potentials: Float64Array,
): void {
  for (let i = r0, o = 0; i < r1; i++, o += stride) {
    const xn = xNorms[i];
    const cur = closest[i];
    for (let c = 0; c < t; c++) {
      let d = xn - 2 * dots[o + c] + candNorms[c];
      if (d < 0) d = 0;
      if (d > cur) d = cur;
      out[c * n + i] = d;
      potentials[c] += d;
    }
  }
}

/** Adds rows [r0, r1) into the sums (transposed) and counts of their clusters. */
export function addRowsToSums(
  m: CsrMatrix,
  k: number,
  r0: number,
  r1: number,
  labels: Int32Array,
  sumsT: Float64Array,
  counts: Float64Array,
): void {
  const { rowPtr, colIdx, values } = m;
  // int32 loop counters when the offsets allow: a counter that may be an int32 or a double stays a double, so
  // the large case has its own loop
  if (rowPtr[r1] > 0x7fffffff) {
    for (let i = r0; i < r1; i++) {
      const best = labels[i];
      counts[best] += 1;
      for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) sumsT[colIdx[p] * k + best] += values === null ? 1 : values[p];
    }
    return;
  }
  for (let i = r0; i < r1; i++) {
    const best = labels[i];
    const end = rowPtr[i + 1] | 0;
    counts[best] += 1;
    if (values === null) {
      for (let p = rowPtr[i] | 0; p < end; p++) sumsT[colIdx[p] * k + best] += 1;
    } else {
      for (let p = rowPtr[i] | 0; p < end; p++) sumsT[colIdx[p] * k + best] += values[p];
    }
  }
}

/**
 * Moves each row of [r0, r1) whose label differs from `held[i - r0]` (the label its values are counted under in
 * `sumsT`) from that cluster to its new one, and records the move. Only valid when sums are exact (see
 * exact-sums.ts): then the result equals a fresh `addRowsToSums` bit for bit, at the cost of the changed rows only.
 */
export function moveChangedRows(
  m: CsrMatrix,
  k: number,
  r0: number,
  r1: number,
  labels: Int32Array,
  held: Int32Array,
  sumsT: Float64Array,
  counts: Float64Array,
): void {
  const { rowPtr, colIdx, values } = m;
  for (let i = r0; i < r1; i++) {
    const to = labels[i];
    const from = held[i - r0];
    if (to === from) continue;
    held[i - r0] = to;
    counts[from] -= 1;
    counts[to] += 1;
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) {
      const base = colIdx[p] * k;
      const v = values === null ? 1 : values[p];
      sumsT[base + from] -= v;
      sumsT[base + to] += v;
    }
  }
}

/** The stored entries of the rows of [r0, r1) whose label differs from `held`: the work moveChangedRows would do. */
export function changedEntries(m: CsrMatrix, r0: number, r1: number, labels: Int32Array, held: Int32Array): number {
  const rowPtr = m.rowPtr;
  let total = 0;
  for (let i = r0; i < r1; i++) if (labels[i] !== held[i - r0]) total += rowPtr[i + 1] - rowPtr[i];
  return total;
}

/** Writes row `row` of `m` as centre `c` of a transposed k-centre array (which must be zero there). */
export function scatterRowIntoCenter(m: CsrMatrix, row: number, centersT: Float64Array, k: number, c: number): void {
  const { rowPtr, colIdx, values } = m;
  for (let p = rowPtr[row]; p < rowPtr[row + 1]; p++) centersT[colIdx[p] * k + c] = values === null ? 1 : values[p];
}
