import type { CsrMatrix } from '../matrix/csr.js';
import { baselineStats } from './baselines.js';
import { clusterMovieStats, shrunkMean } from './cluster-cf.js';

export interface Recommendation {
  readonly movieId: number;
  /** The shrunk cluster mean: the rating we expect the customer to give. */
  readonly predicted: number;
  /** Customers of the cluster who rated the movie (n). */
  readonly support: number;
  /** Their plain mean rating (NaN when n = 0). */
  readonly clusterMean: number;
  /** Everyone's mean rating of the movie, the target of the shrinkage. */
  readonly movieMean: number;
}

export interface RecommendOptions {
  readonly top: number;
  /** lambda of (sum + lambda x movieMean) / (n + lambda). */
  readonly shrink: number;
  /** Skip movies fewer than this many of the cluster's customers rated. */
  readonly minSupport: number;
}

export interface CustomerRecommendations {
  readonly cluster: number;
  readonly clusterSize: number;
  /** Movies the customer has rated: never recommended. */
  readonly rated: number;
  /** Unrated movies that passed --min-support, before the cut to --top. */
  readonly candidates: number;
  readonly recommendations: Recommendation[];
}

/**
 * Top movies for customer `row` of `ratings` (raw ratings, all input customers), from the customers that share
 * their cluster in `labels`. Two passes over the CSR (movie means, per-cluster sums); ties broken by support, then by
 * movie id, so the list is stable.
 */
export function recommendForRow(
  ratings: CsrMatrix,
  movieIds: ArrayLike<number>,
  labels: Int32Array,
  k: number,
  row: number,
  opts: RecommendOptions,
): CustomerRecommendations {
  const { movieMeans, movieCounts } = baselineStats(ratings);
  const stats = clusterMovieStats(ratings, labels, k);
  const cluster = labels[row];
  const rated = new Uint8Array(ratings.nCols);
  for (let p = ratings.rowPtr[row]; p < ratings.rowPtr[row + 1]; p++) rated[ratings.colIdx[p]] = 1;
  const found: Recommendation[] = [];
  for (let j = 0; j < ratings.nCols; j++) {
    if (rated[j] === 1 || movieCounts[j] === 0) continue;
    const at = j * k + cluster;
    const n = stats.countsT[at];
    if (n < opts.minSupport) continue;
    const sum = stats.sumsT[at];
    found.push({
      movieId: movieIds[j],
      predicted: shrunkMean(sum, n, movieMeans[j], opts.shrink),
      support: n,
      clusterMean: n > 0 ? sum / n : NaN,
      movieMean: movieMeans[j],
    });
  }
  found.sort((a, b) => b.predicted - a.predicted || b.support - a.support || a.movieId - b.movieId);
  return {
    cluster,
    clusterSize: stats.sizes[cluster],
    rated: ratings.rowPtr[row + 1] - ratings.rowPtr[row],
    candidates: found.length,
    recommendations: found.slice(0, opts.top),
  };
}

/** The row of a customer id, or -1. */
export function findCustomerRow(customerIds: Int32Array, id: number): number {
  return customerIds.indexOf(id);
}
