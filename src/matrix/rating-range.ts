/** The rating scale: the lowest and highest rating a file may hold (1..5 for Netflix, 0.5..5 for MovieLens). */
export interface RatingRange {
  readonly min: number;
  readonly max: number;
}

/** The Netflix Prize scale, used where no data says otherwise. */
export const defaultRatingRange: RatingRange = { min: 1, max: 5 };

/**
 * What a reader accepts when no --rating-range is given: any number >= 0 that a float32 (how ratings are stored)
 * holds. The scale is then the range the file holds (resolveRatingRange). NaN fails every comparison and the finite
 * bound turns away infinities and 1e300, which would be stored as Infinity and poison every distance.
 */
export const anyRatingRange: RatingRange = { min: 0, max: 3.4028234663852886e38 };

/** The scale of freshly read data: the given --rating-range, else the range its ratings span, else the default. */
export function resolveRatingRange(given: RatingRange | undefined, m: { readonly values: Float32Array | null }): RatingRange {
  return given ?? observedRatingRange(m) ?? defaultRatingRange;
}

/**
 * The range the stored ratings actually span, or null when there are none (or the matrix is binary). Readers use
 * it as the scale when the user gave no --rating-range: the scale is what the file holds. (Takes any object with
 * the CSR's values, so that this file and csr.ts do not import each other.)
 */
export function observedRatingRange(m: { readonly values: Float32Array | null }): RatingRange | null {
  const { values } = m;
  if (values === null) return null;
  const n = values.length;
  if (n === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (let p = 0; p < n; p++) {
    const v = values[p];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { min: lo, max: hi };
}

export function formatRatingRange(r: RatingRange): string {
  return `${r.min}..${r.max}`;
}

/** x clamped into the scale (predictions never leave it). */
export function clampRating(x: number, r: RatingRange): number {
  return x < r.min ? r.min : x > r.max ? r.max : x;
}
