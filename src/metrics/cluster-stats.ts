import type { CsrMatrix } from '../matrix/csr.js';
import { rowSquaredNorms } from '../matrix/norms.js';

/**
 * What the centroid-based indices (Davies-Bouldin, Calinski-Harabasz) need, from two passes over the CSR.
 * Centroids are the means of the rows each label holds, recomputed from the labels as the textbook (and
 * scikit-learn) define them; after a converged k-means they equal its centres.
 */
export interface ClusterStats {
  readonly k: number;
  readonly nRows: number;
  readonly nCols: number;
  /** Rows per cluster; an empty cluster has size 0 and takes no part in the indices. */
  readonly sizes: Float64Array;
  /** Row-major k x nCols, the mean of each cluster's rows (zeros for an empty cluster). */
  readonly centroids: Float64Array;
  /** Mean of all rows, length nCols. */
  readonly mean: Float64Array;
  /** Per cluster: sum of squared Euclidean distances of its rows to its centroid. */
  readonly withinSquares: Float64Array;
  /** Per cluster: sum of Euclidean distances of its rows to its centroid. */
  readonly withinDistances: Float64Array;
}

export function clusterStats(
  m: CsrMatrix,
  labels: Int32Array,
  k: number,
  norms: Float64Array = rowSquaredNorms(m),
): ClusterStats {
  const { nRows, nCols, rowPtr, colIdx, values } = m;
  if (labels.length !== nRows) throw new Error(`clusterStats: ${labels.length} labels for ${nRows} rows`);
  const sizes = new Float64Array(k);
  const centroids = new Float64Array(k * nCols);
  for (let i = 0; i < nRows; i++) {
    const c = labels[i];
    sizes[c]++;
    const base = c * nCols;
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) centroids[base + colIdx[p]] += values === null ? 1 : values[p];
  }
  const mean = new Float64Array(nCols);
  for (let c = 0; c < k; c++) {
    const base = c * nCols;
    for (let j = 0; j < nCols; j++) mean[j] += centroids[base + j];
    if (sizes[c] > 0) for (let j = 0; j < nCols; j++) centroids[base + j] /= sizes[c];
  }
  for (let j = 0; j < nCols; j++) mean[j] /= nRows;

  const centroidNorms = new Float64Array(k);
  for (let c = 0; c < k; c++) centroidNorms[c] = squaredNorm(centroids, c * nCols, nCols);
  const withinSquares = new Float64Array(k);
  const withinDistances = new Float64Array(k);
  for (let i = 0; i < nRows; i++) {
    const c = labels[i];
    const base = c * nCols;
    const end = rowPtr[i + 1];
    let dot = 0;
    for (let p = rowPtr[i]; p < end; p++) dot += (values === null ? 1 : values[p]) * centroids[base + colIdx[p]];
    const d2 = Math.max(0, norms[i] - 2 * dot + centroidNorms[c]);
    withinSquares[c] += d2;
    withinDistances[c] += Math.sqrt(d2);
  }
  return { k, nRows, nCols, sizes, centroids, mean, withinSquares, withinDistances };
}

/** Clusters that hold at least one row: the "labels present" of scikit-learn's indices. */
export function nonEmptyClusters(stats: ClusterStats): number[] {
  const out: number[] = [];
  for (let c = 0; c < stats.k; c++) if (stats.sizes[c] > 0) out.push(c);
  return out;
}

export function squaredNorm(a: Float64Array, offset: number, length: number): number {
  let s = 0;
  for (let j = offset; j < offset + length; j++) s += a[j] * a[j];
  return s;
}

/** Squared Euclidean distance between two dense vectors stored in flat arrays. */
export function squaredDistance(
  a: Float64Array,
  aOffset: number,
  b: Float64Array,
  bOffset: number,
  length: number,
): number {
  let s = 0;
  for (let j = 0; j < length; j++) {
    const d = a[aOffset + j] - b[bOffset + j];
    s += d * d;
  }
  return s;
}
