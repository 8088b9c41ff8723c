import type { CsrMatrix } from '../matrix/csr.js';

/** Per cluster, per movie: how many of the cluster's customers rated it and the sum of their ratings. */
export interface ClusterMovieStats {
  readonly k: number;
  readonly nCols: number;
  /** Transposed like the k-means centres, `[col * k + cluster]`: one movie's k clusters share a cache line. */
  readonly sumsT: Float64Array;
  readonly countsT: Float64Array;
  /** Customers in each cluster. */
  readonly sizes: Float64Array;
}

/** One pass over the (raw ratings) CSR with the customers' cluster labels. */
export function clusterMovieStats(m: CsrMatrix, labels: Int32Array, k: number): ClusterMovieStats {
  const { nRows, nCols, rowPtr, colIdx, values } = m;
  const sumsT = new Float64Array(nCols * k);
  const countsT = new Float64Array(nCols * k);
  const sizes = new Float64Array(k);
  for (let i = 0; i < nRows; i++) {
    const c = labels[i];
    sizes[c] += 1;
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) {
      const at = colIdx[p] * k + c;
      sumsT[at] += values === null ? 1 : values[p];
      countsT[at] += 1;
    }
  }
  return { k, nCols, sumsT, countsT, sizes };
}

/**
 * The cluster's mean rating of a movie, shrunk toward the movie's overall mean by its support n:
 * (sum + lambda x movieMean) / (n + lambda). With n = 0 it is the movie mean; as n grows the cluster speaks for
 * itself. lambda = 10 means ten ratings in the cluster weigh as much as the whole crowd's opinion.
 */
export function shrunkMean(sum: number, n: number, movieMean: number, lambda: number): number {
  const weight = n + lambda;
  return weight > 0 ? (sum + lambda * movieMean) / weight : movieMean;
}

export function clusterPrediction(stats: ClusterMovieStats, cluster: number, col: number, movieMean: number, lambda: number): number {
  const at = col * stats.k + cluster;
  return shrunkMean(stats.sumsT[at], stats.countsT[at], movieMean, lambda);
}
