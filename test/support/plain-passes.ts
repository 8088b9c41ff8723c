/**
 * The plain passes the bounded kernels must reproduce: every distance of every row, no bounds carried between
 * calls (fresh, invalid bounds make the kernel compute all k distances), for the tests only.
 */
import { candidateRowsKernel, lloydRowsKernel, offsetsFitInt32 } from '../../src/kmeans/kernel-codegen.js';
import { addRowsToSums } from '../../src/kmeans/kernels.js';
import { createRowBounds, groupSizeFor } from '../../src/kmeans/row-bounds.js';
import type { CsrMatrix } from '../../src/matrix/csr.js';

/**
 * The E-step and the partial M-step for a block: labels each row with its nearest centre (first on ties), stores
 * that squared distance, and adds the row into `sumsT` (transposed, zeroed by the caller) and `counts`.
 * Returns the block's inertia.
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
  const groupSize = groupSizeFor(k);
  const kernel = lloydRowsKernel(k, groupSize, m.values === null, offsetsFitInt32(m));
  const bounds = createRowBounds(r0, r1 - r0, k, 0, groupSize);
  const inertia = kernel(m.rowPtr, m.colIdx, m.values, xNorms, centersT, cNorms, r0, r1, labels, minDist, bounds);
  if (sumsT !== null) addRowsToSums(m, k, r0, r1, labels, sumsT, counts!);
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
): void {
  const kernel = candidateRowsKernel(t, m.values === null, offsetsFitInt32(m));
  kernel(m.rowPtr, m.colIdx, m.values, xNorms, candT, candNorms, r0, r1, closest, out, m.nRows, potentials);
}
