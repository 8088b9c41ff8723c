import { customerBiases, defaultBaselineOptions, residualMatrix, type Baseline } from './baseline.js';
import { fitResidual } from './baseline-threads.js';
import type { CsrMatrix } from './csr.js';
import { denseRowsToCsr, normalizeDenseRows, normalizeRows } from './normalize.js';
import { defaultSvdOptions, projectRows, randomizedSvd } from './svd.js';
import { transformMatrix, type MatrixKind } from './transform.js';

/**
 * What k-means clusters, built in one place for fit, elbow, evaluate, heatmap and predict. The steps, in this
 * order: the matrix kind (ratings, binary, centered, residual) -> optional SVD embedding to `embed` dimensions
 * (customer coordinates A V, see svd.ts) -> optional unit-length rows (cosine / spherical k-means) -> k-means.
 */
export interface RepresentationOptions {
  readonly matrix: MatrixKind;
  readonly normalize: boolean;
  /** SVD dimensions; 0 = no embedding. Callers validate embed <= min(rows, movies). */
  readonly embed: number;
  readonly seed: number;
  readonly powerIterations: number;
  readonly oversample: number;
  /** Threads for the SVD's sparse products (the result does not depend on it). */
  readonly threads: number;
}

export const defaultRepresentationOptions: RepresentationOptions = {
  matrix: 'ratings',
  normalize: false,
  embed: 0,
  seed: 0,
  powerIterations: defaultSvdOptions.powerIterations,
  oversample: defaultSvdOptions.oversample,
  threads: 1,
};

/** What a model keeps to place new customers exactly as the training customers were placed (plain JSON). */
export interface FittedRepresentation {
  readonly matrix: MatrixKind;
  readonly normalize: boolean;
  /** residual only: the global mean and movie biases; a new customer's own bias is fitted against them. */
  readonly baseline: {
    readonly mu: number;
    readonly itemBias: number[];
    readonly regUser: number;
    readonly regItem: number;
    readonly passes: number;
  } | null;
  readonly embedding: {
    readonly dims: number;
    readonly seed: number;
    readonly powerIterations: number;
    readonly oversample: number;
    readonly singularValues: number[];
    readonly explainedShare: number;
    /** V, movies x dims row-major. */
    readonly basis: number[];
  } | null;
}

export interface Representation {
  /** The rows k-means sees: a sparse movies matrix, or a full CSR with dims columns when embedded. */
  readonly points: CsrMatrix;
  /** The matrix of the chosen kind, before embedding and normalising: what heatmaps colour. */
  readonly transformed: CsrMatrix;
  /** Customers whose points are all zeros (no ratings, or exactly as the baseline expects): see zeroRowsNote. */
  readonly zeroRows: number;
  readonly fitted: FittedRepresentation;
}

export async function buildRepresentation(
  m: CsrMatrix,
  options: Partial<RepresentationOptions> = {},
): Promise<Representation> {
  const opts: RepresentationOptions = { ...defaultRepresentationOptions, ...options };
  let baseline: FittedRepresentation['baseline'] = null;
  let transformed: CsrMatrix;
  if (opts.matrix === 'residual') {
    const { baseline: b, residual } = await fitResidual(m, opts.threads);
    transformed = residual;
    const { regUser, regItem, passes } = defaultBaselineOptions;
    baseline = { mu: b.mu, itemBias: Array.from(b.itemBias), regUser, regItem, passes };
  } else {
    transformed = transformMatrix(m, opts.matrix);
  }
  if (opts.embed > 0) {
    const svd = await randomizedSvd(transformed, opts.embed, {
      seed: opts.seed,
      powerIterations: opts.powerIterations,
      oversample: opts.oversample,
      threads: opts.threads,
    });
    const embedding: FittedRepresentation['embedding'] = {
      dims: opts.embed,
      seed: opts.seed,
      powerIterations: opts.powerIterations,
      oversample: opts.oversample,
      singularValues: Array.from(svd.singularValues),
      explainedShare: svd.explainedShare,
      basis: Array.from(svd.basis),
    };
    const fitted: FittedRepresentation = { matrix: opts.matrix, normalize: opts.normalize, baseline, embedding };
    return { ...densePoints(svd.userFactors, m.nRows, opts.embed, opts.normalize), transformed, fitted };
  }
  const fitted: FittedRepresentation = { matrix: opts.matrix, normalize: opts.normalize, baseline, embedding: null };
  return { ...sparsePoints(transformed, opts.normalize), transformed, fitted };
}

/**
 * The same steps with a fitted representation, for customers whose ratings are already in the model's movie
 * columns. The training customers get exactly the points buildRepresentation gave them.
 */
export async function applyRepresentation(
  fitted: FittedRepresentation,
  m: CsrMatrix,
  threads = 1,
): Promise<Representation> {
  let transformed: CsrMatrix;
  if (fitted.matrix === 'residual' && fitted.baseline !== null) {
    const { mu, regUser } = fitted.baseline;
    const itemBias = Float64Array.from(fitted.baseline.itemBias);
    const b: Baseline = { mu, itemBias, userBias: customerBiases(m, mu, itemBias, regUser) };
    transformed = residualMatrix(m, b);
  } else {
    transformed = transformMatrix(m, fitted.matrix);
  }
  if (fitted.embedding !== null) {
    const { dims } = fitted.embedding;
    const coords = await projectRows(transformed, Float64Array.from(fitted.embedding.basis), dims, threads);
    return { ...densePoints(coords, m.nRows, dims, fitted.normalize), transformed, fitted };
  }
  return { ...sparsePoints(transformed, fitted.normalize), transformed, fitted };
}

function densePoints(
  coords: Float64Array,
  nRows: number,
  dims: number,
  normalize: boolean,
): { points: CsrMatrix; zeroRows: number } {
  const zeroRows = normalize ? normalizeDenseRows(coords, nRows, dims) : countDenseZeroRows(coords, nRows, dims);
  return { points: denseRowsToCsr(coords, nRows, dims), zeroRows };
}

function sparsePoints(transformed: CsrMatrix, normalize: boolean): { points: CsrMatrix; zeroRows: number } {
  if (normalize) {
    const { matrix, zeroRows } = normalizeRows(transformed);
    return { points: matrix, zeroRows };
  }
  return { points: transformed, zeroRows: countSparseZeroRows(transformed) };
}

function countDenseZeroRows(a: Float64Array, nRows: number, dims: number): number {
  let count = 0;
  for (let i = 0; i < nRows; i++) {
    let zero = true;
    for (let d = 0; d < dims && zero; d++) if (a[i * dims + d] !== 0) zero = false;
    if (zero) count++;
  }
  return count;
}

function countSparseZeroRows(m: CsrMatrix): number {
  const { nRows, rowPtr, values } = m;
  let count = 0;
  for (let i = 0; i < nRows; i++) {
    let zero = true;
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end && zero; p++) if (values === null || values[p] !== 0) zero = false;
    if (zero) count++;
  }
  return count;
}

/** The embedding as --json reports it. */
export function embeddingJson(
  fitted: FittedRepresentation,
): { dims: number; singularValues: number[]; explainedShare: number } | null {
  if (fitted.embedding === null) return null;
  const { dims, singularValues, explainedShare } = fitted.embedding;
  return { dims, singularValues, explainedShare };
}
