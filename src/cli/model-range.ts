import type { KMeansModel } from '../kmeans/model.js';
import type { RatingRange } from '../matrix/rating-range.js';
import { messages } from '../messages.js';
import { dataError } from '../util/errors.js';

/**
 * The rating scale a model was fit on: `fit --save-model` keeps it in options.ratingRange (the given --rating-range
 * or the range the data spanned). Commands that take a model read their ratings on that scale unless told
 * otherwise, so a rating the model never saw is refused rather than clustered. Undefined for a model without one.
 */
export function savedRatingRange(model: KMeansModel, path: string): RatingRange | undefined {
  const saved = model.options?.ratingRange as { min?: unknown; max?: unknown } | undefined;
  if (saved === undefined) return undefined;
  const { min, max } = saved ?? {};
  if (
    typeof min !== 'number' ||
    typeof max !== 'number' ||
    !Number.isFinite(min) ||
    !Number.isFinite(max) ||
    min > max
  ) {
    throw dataError(
      messages.modelNotOurs(path, `options.ratingRange ${JSON.stringify(saved)} is not {"min": low, "max": high}`),
    );
  }
  return { min, max };
}
