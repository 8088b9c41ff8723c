import type { CsrMatrix } from './csr.js';
import { Rng } from '../util/random.js';
import { addCrossProducts, orthonormalizeColumns, symmetricEigen } from './svd/dense.js';
import { createProductRunner, type ProductRunner } from './svd/products.js';

/**
 * Randomized truncated SVD of a sparse matrix A (never densified): Halko, Martinsson and Tropp 2011 ("Finding
 * structure with randomness"), in the block Krylov form of their section 4.6 (Rokhlin, Szlam and Tygert 2009;
 * analysed by Musco and Musco 2015). A Gaussian start block X_0 (nCols x b, b = dims + oversample) goes through
 * `powerIterations` power iterations X_{j+1} = orth(A^T A X_j); unlike the plain power method, every block is
 * kept (orthonormalized against the earlier ones), and Rayleigh-Ritz on their span K (nCols x b(q+1)) gives
 *   M = K^T (A^T A K) = E diag(sigma^2) E^T,  V = K E,  customer coordinates A V (= U S).
 * Keeping the intermediate blocks is what makes a ratings matrix tractable: its spectrum beyond the first few
 * values is flat (noise), where the last block alone needs many more iterations for the same accuracy (see
 * README, "Representations"). Cost: q + 1 applications of A^T A to b columns (one pass over the ratings each,
 * A X formed row by row and never stored) plus one pass with dims columns, on worker threads; every reduction is in a fixed order, so any thread count gives the
 * same bits. The eigenvalues of M lose nothing that matters here: sigma_i^2 is accurate to ~1e-16 sigma_1^2.
 */
export interface SvdOptions {
  readonly seed: number;
  readonly powerIterations: number;
  readonly oversample: number;
  readonly threads: number;
}

export const defaultSvdOptions: SvdOptions = { seed: 0, powerIterations: 4, oversample: 5, threads: 1 };

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
  const b = Math.min(dims + opts.oversample, nCols);
  const blocks = opts.powerIterations + 1;
  const width = b * blocks;
  const products = await createProductRunner(m, opts.threads);
  try {
    const rng = new Rng(opts.seed);
    // K (the Krylov basis) and W = A^T A K, nCols x width row-major; block j is columns [j b, (j + 1) b)
    const k = new Float64Array(nCols * width);
    const w = new Float64Array(nCols * width);
    for (let r = 0; r < nCols; r++) for (let c = 0; c < b; c++) k[r * width + c] = rng.normal();
    orthonormalizeColumns(k, nCols, width, 0, b);
    const x = new Float64Array(nCols * b);
    const z = new Float64Array(nCols * b);
    let squaredNorm = 0;
    // M = K^T W, block by block as the blocks come: while the workers make pass j, the main thread (idle otherwise)
    // adds the entries of K's blocks 0..j against W's block j - 1, and of K's block j against W's earlier ones
    // (during the first pass, ||A||_F^2); only W's last block is left for after the loop. Each entry is one sum over
    // the rows in order, whenever it is made.
    const gram = new Float64Array(width * width);
    const cross = (a0: number, a1: number, c0: number, c1: number) =>
      addCrossProducts(k, w, nCols, width, gram, a0 * b, a1 * b, c0 * b, c1 * b);
    for (let j = 0; j < blocks; j++) {
      const col0 = j * b;
      for (let r = 0; r < nCols; r++) for (let c = 0; c < b; c++) x[r * b + c] = k[r * width + col0 + c];
      const pass = products.multiplyGram(x, b, z);
      if (j === 0) squaredNorm = squaredFrobenius(m);
      else {
        cross(0, j + 1, j - 1, j);
        cross(j, j + 1, 0, j - 1);
      }
      await pass;
      for (let r = 0; r < nCols; r++) {
        for (let c = 0; c < b; c++) {
          w[r * width + col0 + c] = z[r * b + c];
          if (j + 1 < blocks) k[r * width + col0 + b + c] = z[r * b + c];
        }
      }
      if (j + 1 < blocks) orthonormalizeColumns(k, nCols, width, col0 + b, col0 + 2 * b);
    }
    cross(0, blocks, blocks - 1, blocks);
    // Rayleigh-Ritz: M symmetric up to rounding (made exactly so)
    for (let a = 0; a < width; a++) {
      for (let c = a + 1; c < width; c++) {
        const mean = 0.5 * (gram[a * width + c] + gram[c * width + a]);
        gram[a * width + c] = mean;
        gram[c * width + a] = mean;
      }
    }
    const eig = symmetricEigen(gram, width);
    const order = Array.from({ length: width }, (_, i) => i).sort((p, q) => eig.values[q] - eig.values[p] || p - q);
    const singularValues = new Float64Array(dims);
    const basis = new Float64Array(nCols * dims);
    const e = eig.vectors;
    for (let d = 0; d < dims; d++) {
      const col = order[d];
      singularValues[d] = Math.sqrt(Math.max(0, eig.values[col]));
      for (let r = 0; r < nCols; r++) {
        let s = 0;
        const base = r * width;
        for (let a = 0; a < width; a++) s += k[base + a] * e[a * width + col];
        basis[r * dims + d] = s;
      }
      let big = 0;
      for (let r = 0; r < nCols; r++) if (Math.abs(basis[r * dims + d]) > Math.abs(big)) big = basis[r * dims + d];
      if (big < 0) for (let r = 0; r < nCols; r++) basis[r * dims + d] = -basis[r * dims + d];
    }
    const userFactors = await projectWith(products, basis, nRows, dims);
    let kept = 0;
    for (let d = 0; d < dims; d++) kept += singularValues[d] * singularValues[d];
    return {
      dims,
      singularValues,
      userFactors,
      basis,
      squaredNorm,
      explainedShare: squaredNorm > 0 ? kept / squaredNorm : 0,
    };
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

async function projectWith(
  products: ProductRunner,
  basis: Float64Array,
  nRows: number,
  dims: number,
): Promise<Float64Array> {
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
