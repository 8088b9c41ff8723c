import type { CsrMatrix } from '../matrix/csr.js';
import { rowSquaredNorms } from '../matrix/norms.js';
import { calinskiHarabasz } from './calinski-harabasz.js';
import { clusterStats } from './cluster-stats.js';
import { daviesBouldin } from './davies-bouldin.js';
import { silhouetteScoresOnThreads, type Labeling } from './silhouette.js';

/** The internal validity indices of one labeling; NaN where an index is undefined (fewer than 2 clusters). */
export interface ClusteringScores {
  readonly silhouette: number;
  readonly daviesBouldin: number;
  readonly calinskiHarabasz: number;
  /** Milliseconds for Davies-Bouldin and Calinski-Harabasz (two passes over the CSR). */
  readonly indicesMs: number;
}

export interface EvaluationOptions {
  /** Rows the silhouette is computed on (a seeded sample); >= rows means exact. */
  readonly silhouetteSample: number;
  readonly seed: number;
  readonly onSilhouetteProgress?: (pairsDone: number, pairsTotal: number) => void;
  /** Threads for the silhouette's pairs (any count gives the same bits); 1 when not given. */
  readonly threads?: number;
  /** The squared row norms of the matrix when the caller has them (the k-means runner's). */
  readonly norms?: Float64Array;
}

export interface Evaluation {
  readonly scores: ClusteringScores[];
  readonly silhouetteRows: number;
  readonly silhouetteExact: boolean;
  /** One silhouette pass serves every labeling: its time is not split between them. */
  readonly silhouetteMs: number;
}

/** Scores several labelings of the same matrix (an elbow's k values), sharing the silhouette's pairwise pass. */
export async function evaluateClusterings(
  m: CsrMatrix,
  labelings: readonly Labeling[],
  opts: EvaluationOptions,
): Promise<Evaluation> {
  const norms = opts.norms ?? rowSquaredNorms(m);
  const indices = labelings.map(({ labels, k }) => {
    const t0 = performance.now();
    const stats = clusterStats(m, labels, k, norms);
    return {
      daviesBouldin: daviesBouldin(stats),
      calinskiHarabasz: calinskiHarabasz(stats),
      indicesMs: performance.now() - t0,
    };
  });
  const t0 = performance.now();
  const sil = await silhouetteScoresOnThreads(m, labelings, {
    sampleSize: opts.silhouetteSample,
    seed: opts.seed,
    onProgress: opts.onSilhouetteProgress,
    threads: opts.threads ?? 1,
    norms,
  });
  const silhouetteMs = performance.now() - t0;
  return {
    scores: indices.map((ix, r) => ({ ...ix, silhouette: sil.scores[r] })),
    silhouetteRows: sil.rows,
    silhouetteExact: sil.exact,
    silhouetteMs,
  };
}
