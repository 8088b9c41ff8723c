import { nonEmptyClusters, squaredDistance, type ClusterStats } from './cluster-stats.js';

/**
 * Davies-Bouldin index (Davies & Bouldin 1979), lower is better:
 *
 *   S_i  = mean Euclidean distance of cluster i's rows to its centroid c_i,
 *   M_ij = |c_i - c_j| (Euclidean),
 *   DB   = (1/K) sum_i max_{j != i} (S_i + S_j) / M_ij      over the K non-empty clusters.
 *
 * As scikit-learn's `davies_bouldin_score`: 0 when every S_i or every M_ij is (close to) zero, a pair with
 * coincident centroids counts as 0 rather than infinity, and NaN where scikit-learn raises (K < 2 or
 * K > rows - 1).
 */
export function daviesBouldin(stats: ClusterStats): number {
  const present = nonEmptyClusters(stats);
  const K = present.length;
  if (K < 2 || K > stats.nRows - 1) return Number.NaN;
  const { nCols, centroids, sizes, withinDistances } = stats;
  const spread = present.map((c) => withinDistances[c] / sizes[c]);
  const separation: number[][] = present.map((ci) =>
    present.map((cj) => Math.sqrt(squaredDistance(centroids, ci * nCols, centroids, cj * nCols, nCols))),
  );
  // numpy.allclose(x, 0): |x| <= 1e-8 everywhere
  const allZero = (xs: number[]) => xs.every((x) => Math.abs(x) <= 1e-8);
  if (allZero(spread) || allZero(separation.flat())) return 0;
  let total = 0;
  for (let a = 0; a < K; a++) {
    let worst = 0;
    for (let b = 0; b < K; b++) {
      if (b === a || separation[a][b] === 0) continue;
      const ratio = (spread[a] + spread[b]) / separation[a][b];
      if (ratio > worst) worst = ratio;
    }
    total += worst;
  }
  return total / K;
}
