import type { CsrMatrix } from '../matrix/csr.js';
import type { MatrixKind } from '../matrix/transform.js';
import { buildRepresentation } from '../matrix/representation.js';
import { fitKMeans } from '../kmeans/fit.js';
import { Timings } from '../util/log.js';
import { Rng } from '../util/random.js';
import { accuracyFromSums, clampRating, type Accuracy } from './accuracy.js';
import { baselineStats, type BaselineStats } from './baselines.js';
import { clusterMovieStats, type ClusterMovieStats } from './cluster-cf.js';
import { splitHoldout, type HoldoutSplit } from './holdout.js';
import type { RatingRange } from '../matrix/rating-range.js';

export interface EvaluateOptions {
  /** One cluster-CF predictor per k. */
  readonly ks: readonly number[];
  /** Share of each customer's ratings held out, in (0, 1). */
  readonly holdout: number;
  readonly seed: number;
  /** The matrix k-means clusters; the predictions always average raw ratings. */
  readonly matrix: MatrixKind;
  /** Unit-length customer vectors before k-means (see representation.ts). */
  readonly normalize?: boolean;
  /** SVD dimensions of the clustered customers; 0 or absent = none. */
  readonly embed?: number;
  readonly powerIterations?: number;
  /** lambda of the shrinkage toward the movie mean. */
  readonly shrink: number;
  readonly ratingRange: RatingRange;
  readonly maxIter?: number;
  /** Threads for the k-means passes (the result does not depend on it). */
  readonly threads?: number;
  /** Called as each phase starts, for a progress line. */
  readonly onPhase?: (text: string) => void;
}

export type PredictorName = 'global mean' | 'movie mean' | 'customer mean + movie offset' | 'cluster CF';

export interface PredictorScore extends Accuracy {
  readonly predictor: PredictorName;
  /** The k of a cluster-CF row, null for the baselines. */
  readonly k: number | null;
}

export interface ClusterFitInfo {
  readonly k: number;
  readonly nIter: number;
  readonly converged: boolean;
  readonly inertia: number;
  readonly sizes: number[];
  readonly ms: number;
}

export interface EvaluateResult {
  readonly customers: number;
  readonly movies: number;
  readonly trainRatings: number;
  readonly testRatings: number;
  readonly scores: PredictorScore[];
  readonly fits: ClusterFitInfo[];
  readonly timingsMs: Record<string, number>;
}

/** One clustering of the training customers, ready to predict from. */
export interface FittedClusters {
  readonly k: number;
  readonly labels: Int32Array;
  readonly stats: ClusterMovieStats;
}

/**
 * Holds out a seeded share of every customer's ratings, fits k-means on the rest (once per k), and scores every
 * predictor on the held-out ratings. Cost: one split pass, one statistics pass, per k a fit plus one pass for the
 * cluster sums, and one pass over the held-out ratings for all predictors together.
 */
export async function evaluateRecommenders(m: CsrMatrix, opts: EvaluateOptions): Promise<EvaluateResult> {
  const timings = new Timings();
  const time = <T>(phase: string, fn: () => Promise<T> | T): Promise<T> => {
    opts.onPhase?.(phase);
    return timings.time(phase, fn);
  };

  const split = await time('split', () => splitHoldout(m, opts.holdout, new Rng(opts.seed).fork()));
  const base = await time('baselines', () => baselineStats(split.train));
  // the same points fit clusters: matrix kind -> embedding -> unit length, fitted on the training ratings only
  const rep = await time('transform', () =>
    buildRepresentation(split.train, {
      matrix: opts.matrix,
      normalize: opts.normalize ?? false,
      embed: opts.embed ?? 0,
      ...(opts.powerIterations === undefined ? {} : { powerIterations: opts.powerIterations }),
      seed: opts.seed,
      threads: opts.threads ?? 1,
    }),
  );
  const clustered = rep.points;
  const fitted: FittedClusters[] = [];
  const fits: ClusterFitInfo[] = [];
  for (const k of opts.ks) {
    const t0 = performance.now();
    const result = await time(`fit k=${k}`, () =>
      fitKMeans(clustered, { k, seed: opts.seed, threads: opts.threads ?? 1, ...(opts.maxIter ? { maxIter: opts.maxIter } : {}) }),
    );
    const stats = await time(`cluster sums k=${k}`, () => clusterMovieStats(split.train, result.labels, k));
    fitted.push({ k, labels: result.labels, stats });
    fits.push({
      k,
      nIter: result.nIter,
      converged: result.converged,
      inertia: result.inertia,
      sizes: result.sizes,
      ms: Math.round(performance.now() - t0),
    });
  }
  const scores = await time('predict', () => scoreHeldOut(split, base, fitted, opts));
  return {
    customers: m.nRows,
    movies: m.nCols,
    trainRatings: split.train.rowPtr[split.train.nRows],
    testRatings: split.testRows.length,
    scores,
    fits,
    timingsMs: timings.ms,
  };
}

/**
 * Every predictor on every held-out rating, in one pass; predictions are clamped to the rating scale. Rows are
 * the baselines (global mean, movie mean, customer mean + movie offset), then one cluster CF per entry of `fitted`.
 */
export function scoreHeldOut(
  split: HoldoutSplit,
  base: BaselineStats,
  fitted: readonly FittedClusters[],
  opts: Pick<EvaluateOptions, 'shrink' | 'ratingRange'>,
): PredictorScore[] {
  const { testRows, testCols, testValues } = split;
  const { globalMean, movieMeans, customerMeans } = base;
  const { min, max } = opts.ratingRange;
  const lambda = opts.shrink;
  const nFits = fitted.length;
  const labels = fitted.map((f) => f.labels);
  const sums = fitted.map((f) => f.stats.sumsT);
  const counts = fitted.map((f) => f.stats.countsT);
  const ks = Int32Array.from(fitted.map((f) => f.k));
  const nPred = 3 + nFits;
  const sse = new Float64Array(nPred);
  const sae = new Float64Array(nPred);
  const nTest = testRows.length;
  const globalPred = clampRating(globalMean, min, max);
  for (let t = 0; t < nTest; t++) {
    const u = testRows[t];
    const j = testCols[t];
    const r = testValues[t];
    const movieMean = movieMeans[j];
    let e = globalPred - r;
    sse[0] += e * e;
    sae[0] += Math.abs(e);
    e = clampRating(movieMean, min, max) - r;
    sse[1] += e * e;
    sae[1] += Math.abs(e);
    // baselinePrediction inlined: customer mean + (movie mean - global mean)
    e = clampRating(customerMeans[u] + movieMean - globalMean, min, max) - r;
    sse[2] += e * e;
    sae[2] += Math.abs(e);
    for (let f = 0; f < nFits; f++) {
      const k = ks[f];
      const at = j * k + labels[f][u];
      // shrunkMean inlined: (sum + lambda * movieMean) / (n + lambda), movie mean when both are 0
      const weight = counts[f][at] + lambda;
      const pred = weight > 0 ? (sums[f][at] + lambda * movieMean) / weight : movieMean;
      e = clampRating(pred, min, max) - r;
      sse[3 + f] += e * e;
      sae[3 + f] += Math.abs(e);
    }
  }
  const score = (p: number, predictor: PredictorName, k: number | null): PredictorScore => ({
    predictor,
    k,
    ...accuracyFromSums(sse[p], sae[p], nTest),
  });
  return [
    score(0, 'global mean', null),
    score(1, 'movie mean', null),
    score(2, 'customer mean + movie offset', null),
    ...fitted.map((f, i) => score(3 + i, 'cluster CF', f.k)),
  ];
}
