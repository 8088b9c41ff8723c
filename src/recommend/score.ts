import { clampRating, type RatingRange } from '../matrix/rating-range.js';
import { accuracyOf } from './accuracy.js';
import type { FittedPredictor, TrainStats } from './predictors.js';
import { rankingScores } from './ranking.js';
import type { TrainTest } from './split.js';

/** Ranking metrics look at each customer's top 10; a rating of 4 or more (4.0 on half-star data) is relevant. */
export const rankingDepth = 10;
export const relevantRating = 4;

/** One predictor on one test set. */
export interface SplitScore {
  readonly rmse: number;
  readonly mae: number;
  readonly precision: number;
  readonly recall: number;
  readonly ndcg: number;
  readonly fitSeconds: number;
  readonly predictSeconds: number;
}

/**
 * How a test rating is predicted when the training data lacks its customer or movie (or has no rating of them):
 * a known customer with an unknown movie gets the baseline without the movie's bias (mu + b_u), an unknown
 * customer with a known movie the movie's mean, neither the global mean. Counted once per test set.
 */
export function countFallbacks(split: TrainTest, stats: TrainStats): number {
  const { testRows, testCols } = split;
  let n = 0;
  for (let t = 0; t < testRows.length; t++) {
    const u = testRows[t];
    const j = testCols[t];
    if (!(u >= 0 && stats.customerCounts[u] > 0 && j >= 0 && stats.movieCounts[j] > 0)) n++;
  }
  return n;
}

/** The predictor's clamped predictions of every test rating, with the fallback where it cannot speak. */
export function predictTest(
  split: TrainTest,
  stats: TrainStats,
  predictor: FittedPredictor,
  range: RatingRange,
): Float64Array {
  const { testRows, testCols } = split;
  const { customerCounts, movieCounts, movieMeans, mu } = stats;
  const userBias = stats.baseline.userBias;
  const n = testRows.length;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const u = testRows[t];
    const j = testCols[t];
    const rowKnown = u >= 0 && customerCounts[u] > 0;
    const colKnown = j >= 0 && movieCounts[j] > 0;
    const raw =
      rowKnown && colKnown
        ? predictor.predict(u, j)
        : rowKnown
          ? stats.baseline.mu + userBias[u]
          : colKnown
            ? movieMeans[j]
            : mu;
    out[t] = clampRating(raw, range);
  }
  return out;
}

export function scorePredictor(
  split: TrainTest,
  stats: TrainStats,
  predictor: FittedPredictor,
  range: RatingRange,
): SplitScore {
  const t0 = performance.now();
  const predicted = predictTest(split, stats, predictor, range);
  const predictSeconds = (performance.now() - t0) / 1000;
  const acc = accuracyOf(predicted, split.testValues);
  const rank = rankingScores(
    split.testGroups,
    split.testCols,
    split.testValues,
    predicted,
    rankingDepth,
    relevantRating,
  );
  return {
    rmse: acc.rmse,
    mae: acc.mae,
    precision: rank.precision,
    recall: rank.recall,
    ndcg: rank.ndcg,
    fitSeconds: predictor.fitMs / 1000,
    predictSeconds,
  };
}
