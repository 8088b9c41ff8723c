import { nonEmptyClusters, squaredDistance, type ClusterStats } from './cluster-stats.js';

/**
 * Calinski-Harabasz index, the variance ratio criterion (Calinski & Harabasz 1974), higher is better:
 *
 *   B  = sum_k n_k |c_k - mean|^2        (between-cluster dispersion)
 *   W  = sum_k sum_{x in k} |x - c_k|^2   (within-cluster dispersion, the inertia about the centroids)
 *   CH = (B / (K - 1)) / (W / (n - K))    over the K non-empty clusters and n rows.
 *
 * As scikit-learn's `calinski_harabasz_score`: 1 when W = 0, NaN where it raises (K < 2 or K > n - 1).
 */
export function calinskiHarabasz(stats: ClusterStats): number {
  const present = nonEmptyClusters(stats);
  const K = present.length;
  const n = stats.nRows;
  if (K < 2 || K > n - 1) return Number.NaN;
  const { nCols, centroids, sizes, mean, withinSquares } = stats;
  let between = 0;
  let within = 0;
  for (const c of present) {
    between += sizes[c] * squaredDistance(centroids, c * nCols, mean, 0, nCols);
    within += withinSquares[c];
  }
  if (within === 0) return 1;
  return (between * (n - K)) / (within * (K - 1));
}
