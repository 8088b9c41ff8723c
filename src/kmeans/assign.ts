import type { CsrMatrix } from '../matrix/csr.js';
import { centerSquaredNorms } from '../matrix/norms.js';
import { toTransposed } from './layout.js';
import { createPassRunner } from './passes/runner.js';

export interface Assignment {
  /** Nearest centre of each row, 0..k-1 (the lower index on ties, as in fit). */
  readonly labels: Int32Array;
  /** Squared distance of each row to its centre. */
  readonly distances: Float64Array;
  readonly inertia: number;
  readonly sizes: number[];
}

/**
 * One Lloyd E-step against fixed centres: the same kernel and block order as the last pass of fit, so a model's
 * own training rows get exactly the labels fit wrote (for any `threads`). `centers` is k rows of m.nCols numbers.
 */
export async function assignToCenters(
  m: CsrMatrix,
  centers: readonly (readonly number[])[],
  threads = 1,
): Promise<Assignment> {
  const k = centers.length;
  const nCols = m.nCols;
  const rowMajor = new Float64Array(k * nCols);
  for (let c = 0; c < k; c++) rowMajor.set(centers[c].slice(0, nCols), c * nCols);
  const centersT = toTransposed(rowMajor, k, nCols);
  const labels = new Int32Array(m.nRows);
  const distances = new Float64Array(m.nRows);
  const runner = await createPassRunner(m, threads);
  try {
    const work = {
      centersT,
      cNorms: centerSquaredNorms(centersT, k),
      k,
      labels,
      minDist: distances,
      sumsT: null,
      counts: null,
    };
    const inertia = await runner.lloydPass(work);
    const sizes = new Array<number>(k).fill(0);
    for (let i = 0; i < labels.length; i++) sizes[labels[i]]++;
    return { labels, distances, inertia, sizes };
  } finally {
    await runner.close();
  }
}
