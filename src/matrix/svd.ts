import type { CsrMatrix } from './csr.js';
import { Rng } from '../util/random.js';
import { orthogonalizeByJacobi, orthonormalizeColumns } from './svd/dense.js';
import { createProductRunner, type ProductRunner } from './svd/products.js';

/**
 * Randomized truncated SVD (Halko, Martinsson and Tropp 2011, "Finding structure with randomness", algorithms
 * 4.4 and 5.1) of a sparse matrix A, never densified:
 *   Y = A Omega (Omega: nCols x l Gaussian, l = dims + oversample), Q = orth(Y);
 *   powerIterations times: Q = orth(A orth(A^T Q))   (sharpens a slowly decaying spectrum);
 *   B^T = A^T Q (nCols x l); one-sided Jacobi on B^T gives B^T = V S U_B^T, so A ~ (Q U_B) S V^T.
 * Cost: 3 + 2 x powerIterations sparse products with l columns plus one with dims columns, each a pass over the
 * stored entries, on worker threads. Every reduction is in a fixed order, so any thread count gives the same bits.
 */
export interface SvdOptions {
  readonly seed: number;
  readonly powerIterations: number;
  readonly oversample: number;
  readonly threads: number;
}

export const defaultSvdOptions: SvdOptions = { seed: 0, powerIterations: 4, oversample: 10, threads: 1 };

export interface SvdResult {
  readonly dims: number;
  /** Descending. */
  readonly singularValues: Float64Array;
  /**
   * The customer coordinates, nRows x dims row-major: A V, which is U S up to the approximation error, and is
   * exactly what `projectRows` computes for new customers, so a training customer lands where fit put it.
   */
  readonly userFactors: Float64Array;
  /** V, nCols x dims row-major, orthonormal columns; each column's largest entry (first on ties) is positive. */
  readonly basis: Float64Array;
  /** Sum of the squared stored values, ||A||_F^2. */
  readonly squaredNorm: number;
  /** sum of singularValues^2 / ||A||_F^2: the share of the matrix's squared norm the dims keep. */
  readonly explainedShare: number;
}

/** Callers validate 1 <= dims <= min(nRows, nCols). */
export async function randomizedSvd(m: CsrMatrix, dims: number, options: Partial<SvdOptions> = {}): Promise<SvdResult> {
  const opts: SvdOptions = { ...defaultSvdOptions, ...options };
  const { nRows, nCols } = m;
  const l = Math.min(dims + opts.oversample, nRows, nCols);
  const products = await createProductRunner(m, opts.threads);
  try {
    const rng = new Rng(opts.seed);
    const omega = new Float64Array(nCols * l);
    for (let p = 0; p < omega.length; p++) omega[p] = rng.normal();
    const q = new Float64Array(nRows * l);
    const z = new Float64Array(nCols * l);
    await products.multiply(omega, l, q);
    orthonormalizeColumns(q, nRows, l);
    for (let it = 0; it < opts.powerIterations; it++) {
      await products.multiplyTransposed(q, l, z);
      orthonormalizeColumns(z, nCols, l);
      await products.multiply(z, l, q);
      orthonormalizeColumns(q, nRows, l);
    }
    await products.multiplyTransposed(q, l, z);
    // z = B^T; its Jacobi-orthogonalized columns are V S
    const norms = orthogonalizeByJacobi(z, nCols, l);
    const order = Array.from({ length: l }, (_, j) => j).sort((a, b) => norms[b] - norms[a] || a - b);
    const singularValues = new Float64Array(dims);
    const basis = new Float64Array(nCols * dims);
    for (let d = 0; d < dims; d++) {
      const j = order[d];
      const s = norms[j];
      singularValues[d] = s;
      if (s === 0) continue;
      let big = 0;
      for (let r = 0; r < nCols; r++) if (Math.abs(z[r * l + j]) > Math.abs(big)) big = z[r * l + j];
      const scale = (big < 0 ? -1 : 1) / s;
      for (let r = 0; r < nCols; r++) basis[r * dims + d] = z[r * l + j] * scale;
    }
    const userFactors = await projectWith(products, basis, nRows, dims);
    const squaredNorm = squaredFrobenius(m);
    let kept = 0;
    for (let d = 0; d < dims; d++) kept += singularValues[d] * singularValues[d];
    return { dims, singularValues, userFactors, basis, squaredNorm, explainedShare: squaredNorm > 0 ? kept / squaredNorm : 0 };
  } finally {
    await products.close();
  }
}

/** Rows of `m` in the basis' coordinates, A V (nRows x dims): how new customers are placed. */
export async function projectRows(m: CsrMatrix, basis: Float64Array, dims: number, threads = 1): Promise<Float64Array> {
  const products = await createProductRunner(m, threads);
  try {
    return await projectWith(products, basis, m.nRows, dims);
  } finally {
    await products.close();
  }
}

async function projectWith(products: ProductRunner, basis: Float64Array, nRows: number, dims: number): Promise<Float64Array> {
  const out = new Float64Array(nRows * dims);
  await products.multiply(basis, dims, out);
  return out;
}

export function squaredFrobenius(m: CsrMatrix): number {
  const { values } = m;
  const total = m.rowPtr[m.nRows];
  if (values === null) return total;
  let s = 0;
  for (let p = 0; p < total; p++) s += values[p] * values[p];
  return s;
}
