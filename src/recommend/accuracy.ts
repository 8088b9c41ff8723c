/** Prediction error over a set of held-out ratings. */
export interface Accuracy {
  /** Root mean squared error: the Netflix Prize's measure. */
  readonly rmse: number;
  /** Mean absolute error: the typical miss, in stars. */
  readonly mae: number;
  readonly count: number;
}

/** From running sums of squared and absolute errors; NaN for an empty set. */
export function accuracyFromSums(sumSquared: number, sumAbsolute: number, count: number): Accuracy {
  return { rmse: Math.sqrt(sumSquared / count), mae: sumAbsolute / count, count };
}

export function accuracyOf(predicted: ArrayLike<number>, actual: ArrayLike<number>): Accuracy {
  let sse = 0;
  let sae = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = predicted[i] - actual[i];
    sse += e * e;
    sae += Math.abs(e);
  }
  return accuracyFromSums(sse, sae, actual.length);
}

/** A prediction is never outside the rating scale: a 5.3 for a 5 is a free error. */
export function clampRating(x: number, min: number, max: number): number {
  return x < min ? min : x > max ? max : x;
}
