import type { RatingRange } from '../matrix/rating-range.js';
import {
  fitPredictors,
  trainStats,
  type LabelSource,
  type PredictorName,
  type PredictorOptions,
} from './predictors.js';
import { countFallbacks, scorePredictor, type SplitScore } from './score.js';
import type { TrainTest } from './split.js';

export interface EvaluateOptions extends PredictorOptions {
  readonly predictors: readonly PredictorName[];
  readonly ratingRange: RatingRange;
  /** Called as each phase starts, for a progress line. */
  readonly onPhase?: (text: string) => void;
  readonly labels?: LabelSource;
}

type Metric = 'rmse' | 'mae' | 'precision10' | 'recall10' | 'ndcg10';
export const metricNames: readonly Metric[] = ['rmse', 'mae', 'precision10', 'recall10', 'ndcg10'];

export interface PredictorScore {
  readonly predictor: PredictorName;
  /** The k of a `cluster` row, null for the others. */
  readonly k: number | null;
  /** Means over the splits (one split for --holdout and --train/--test). */
  readonly rmse: number;
  readonly mae: number;
  readonly precision10: number;
  readonly recall10: number;
  readonly ndcg10: number;
  /** Standard deviations over the folds (population, as Surprise prints them); null with one split. */
  readonly std: Record<Metric, number> | null;
  /** Summed over the splits: the time the whole protocol spent fitting and predicting with this predictor. */
  readonly fitSeconds: number;
  readonly predictSeconds: number;
}

export interface ClusterFitInfo {
  readonly split: number;
  readonly k: number;
  readonly nIter: number;
  readonly converged: boolean;
  readonly inertia: number;
  readonly sizes: number[];
}

export interface EvaluateResult {
  readonly splits: number;
  /** Summed over the splits. */
  readonly trainRatings: number;
  readonly testRatings: number;
  /** Test ratings whose customer or movie had no training rating: predicted by the fallback. */
  readonly fallbackRatings: number;
  readonly scores: PredictorScore[];
  readonly fits: ClusterFitInfo[];
}

/**
 * Fits every predictor on each split's training ratings and scores it on the split's test ratings; splits come one
 * at a time (a fold's matrices are dropped before the next is built).
 */
export async function evaluateSplits(splits: Iterable<TrainTest>, opts: EvaluateOptions): Promise<EvaluateResult> {
  const perSplit: SplitScore[][] = [];
  let rows: { predictor: PredictorName; k: number | null }[] = [];
  const fits: ClusterFitInfo[] = [];
  let trainRatings = 0;
  let testRatings = 0;
  let fallbackRatings = 0;
  let s = 0;
  for (const split of splits) {
    const tag = (text: string) => opts.onPhase?.(`split ${s + 1}: ${text}`);
    tag('statistics');
    const stats = trainStats(split.train);
    const fitted = await fitPredictors(opts.predictors, split.train, stats, opts, opts.labels, tag);
    tag('predict');
    perSplit.push(fitted.map((p) => scorePredictor(split, stats, p, opts.ratingRange)));
    rows = fitted.map((p) => ({ predictor: p.name, k: p.k }));
    for (const p of fitted) {
      const c = p.clusters;
      if (c)
        fits.push({ split: s + 1, k: c.k, nIter: c.nIter, converged: c.converged, inertia: c.inertia, sizes: c.sizes });
    }
    trainRatings += split.train.rowPtr[split.train.nRows];
    testRatings += split.testValues.length;
    fallbackRatings += countFallbacks(split, stats);
    s++;
  }
  const scores = rows.map((row, p) => {
    const of = (f: (x: SplitScore) => number) => perSplit.map((sc) => f(sc[p]));
    const values: Record<Metric, number[]> = {
      rmse: of((x) => x.rmse),
      mae: of((x) => x.mae),
      precision10: of((x) => x.precision),
      recall10: of((x) => x.recall),
      ndcg10: of((x) => x.ndcg),
    };
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const std = (xs: number[]) => {
      const m = mean(xs);
      return Math.sqrt(mean(xs.map((x) => (x - m) * (x - m))));
    };
    return {
      ...row,
      rmse: mean(values.rmse),
      mae: mean(values.mae),
      precision10: mean(values.precision10),
      recall10: mean(values.recall10),
      ndcg10: mean(values.ndcg10),
      std:
        perSplit.length > 1
          ? (Object.fromEntries(metricNames.map((m) => [m, std(values[m])])) as Record<Metric, number>)
          : null,
      fitSeconds: of((x) => x.fitSeconds).reduce((a, b) => a + b, 0),
      predictSeconds: of((x) => x.predictSeconds).reduce((a, b) => a + b, 0),
    };
  });
  return { splits: perSplit.length, trainRatings, testRatings, fallbackRatings, scores, fits };
}
