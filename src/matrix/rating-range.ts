/** The rating scale: the lowest and highest rating a file may hold (1..5 for Netflix, 0.5..5 for MovieLens). */
export interface RatingRange {
  readonly min: number;
  readonly max: number;
}

/** The Netflix Prize scale, used where no data says otherwise. */
export const defaultRatingRange: RatingRange = { min: 1, max: 5 };

/**
 * What a reader accepts when no --rating-range is given: any number >= 0 that a float32 (how ratings are stored)
 * holds. The scale is then the one the file shows (value-stats.ts, resolveRatingRange). NaN fails every comparison and the finite
 * bound turns away infinities and 1e300, which would be stored as Infinity and poison every distance.
 */
export const anyRatingRange: RatingRange = { min: 0, max: 3.4028234663852886e38 };

export function formatRatingRange(r: RatingRange): string {
  return `${r.min}..${r.max}`;
}

/** x clamped into the scale (predictions never leave it). */
export function clampRating(x: number, r: RatingRange): number {
  return x < r.min ? r.min : x > r.max ? r.max : x;
}
