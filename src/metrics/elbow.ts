import type { CsrMatrix } from '../matrix/csr.js';
import { fitKMeans, type KMeansOptions } from '../kmeans/fit.js';
import { createPassRunner } from '../kmeans/passes/runner.js';
import { evaluateClusterings, type EvaluationOptions } from './evaluate.js';

/** One k of an elbow run. */
export interface ElbowRow {
  readonly k: number;
  /** The fit's own inertia (KMeansResult.inertia). */
  readonly inertia: number;
  readonly silhouette: number;
  readonly daviesBouldin: number;
  readonly calinskiHarabasz: number;
  readonly nIter: number;
  readonly converged: boolean;
  readonly sizes: number[];
  /** Fit plus Davies-Bouldin and Calinski-Harabasz; the shared silhouette pass is in ElbowResult. */
  readonly timeMs: number;
}

export interface ElbowResult {
  readonly rows: ElbowRow[];
  readonly silhouetteRows: number;
  readonly silhouetteExact: boolean;
  readonly silhouetteMs: number;
  /** All the fits together. */
  readonly fitsMs: number;
}

/** Where an elbow run is, for a progress line: before fit `index` (0-based) of `count`. */
export interface ElbowProgress {
  readonly k: number;
  readonly index: number;
  readonly count: number;
  readonly elapsedMs: number;
  /** What is left of the fits, from the time so far (a fit's cost taken as proportional to k); null before the first. */
  readonly remainingMs: number | null;
}

export interface ElbowOptions extends Omit<EvaluationOptions, 'threads' | 'norms'> {
  /** Called before each fit, for progress. */
  readonly onFitStart?: (progress: ElbowProgress) => void;
}

/**
 * Fits k-means for every k in `ks` with the same options and seed, then scores all the labelings. What does not
 * depend on k is done once: one runner (its worker threads, the matrix in shared memory, the row norms) serves
 * every fit, and its row norms the indices; each fit is still exactly `fitKMeans` with that k (the runner changes
 * no bits). The labels of every fit are kept (4 bytes a row per k) so that one silhouette pass serves them all.
 */
export async function runElbow(
  m: CsrMatrix,
  ks: readonly number[],
  fitOptions: Partial<Omit<KMeansOptions, 'k'>>,
  opts: ElbowOptions,
): Promise<ElbowResult> {
  const threads = fitOptions.threads ?? 1;
  const runner = await createPassRunner(m, threads);
  const fits = [];
  try {
    const t0 = performance.now();
    let weightDone = 0;
    const weightAll = ks.reduce((s, k) => s + k, 0);
    for (let i = 0; i < ks.length; i++) {
      const elapsedMs = performance.now() - t0;
      const remainingMs = weightDone > 0 ? (elapsedMs * (weightAll - weightDone)) / weightDone : null;
      opts.onFitStart?.({ k: ks[i], index: i, count: ks.length, elapsedMs, remainingMs });
      const t1 = performance.now();
      const result = await fitKMeans(m, { ...fitOptions, k: ks[i] }, runner);
      fits.push({ result, fitMs: performance.now() - t1 });
      weightDone += ks[i];
    }
    const evaluation = await evaluateClusterings(
      m,
      fits.map(({ result }) => ({ labels: result.labels, k: result.k })),
      { ...opts, threads, norms: runner.rowNorms() },
    );
    const rows = fits.map(({ result, fitMs }, i): ElbowRow => {
      const s = evaluation.scores[i];
      return {
        k: result.k,
        inertia: result.inertia,
        silhouette: s.silhouette,
        daviesBouldin: s.daviesBouldin,
        calinskiHarabasz: s.calinskiHarabasz,
        nIter: result.nIter,
        converged: result.converged,
        sizes: result.sizes,
        timeMs: fitMs + s.indicesMs,
      };
    });
    return {
      rows,
      fitsMs: fits.reduce((sum, f) => sum + f.fitMs, 0),
      silhouetteRows: evaluation.silhouetteRows,
      silhouetteExact: evaluation.silhouetteExact,
      silhouetteMs: evaluation.silhouetteMs,
    };
  } finally {
    await runner.close();
  }
}
