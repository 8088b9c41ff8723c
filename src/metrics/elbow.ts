import type { CsrMatrix } from '../matrix/csr.js';
import { fitKMeans, type KMeansOptions } from '../kmeans/fit.js';
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

export interface ElbowOptions extends EvaluationOptions {
  /** Called before each fit, for progress. */
  readonly onFitStart?: (k: number, index: number, count: number) => void;
}

/**
 * Fits k-means for every k in `ks` with the same options and seed, then scores all the labelings. The labels of
 * every fit are kept (4 bytes a row per k) so that one silhouette pass serves them all.
 */
export async function runElbow(
  m: CsrMatrix,
  ks: readonly number[],
  fitOptions: Partial<Omit<KMeansOptions, 'k'>>,
  opts: ElbowOptions,
): Promise<ElbowResult> {
  const fits = [];
  for (let i = 0; i < ks.length; i++) {
    opts.onFitStart?.(ks[i], i, ks.length);
    const t0 = performance.now();
    const result = await fitKMeans(m, { ...fitOptions, k: ks[i] });
    fits.push({ result, fitMs: performance.now() - t0 });
  }
  const evaluation = evaluateClusterings(
    m,
    fits.map(({ result }) => ({ labels: result.labels, k: result.k })),
    opts,
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
}
