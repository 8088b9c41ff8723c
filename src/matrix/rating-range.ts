/** The rating scale: the lowest and highest rating a file may hold (1..5 for Netflix, 0.5..5 for MovieLens). */
export interface RatingRange {
  readonly min: number;
  readonly max: number;
}

/** The Netflix Prize scale, used where no data says otherwise. */
export const defaultRatingRange: RatingRange = { min: 1, max: 5 };

/**
 * What a reader accepts when no --rating-range is given: any number >= 0 that a float32 (how ratings are stored)
 * holds. The scale is then the one the file shows (resolveRatingRange). NaN fails every comparison and the finite
 * bound turns away infinities and 1e300, which would be stored as Infinity and poison every distance.
 */
export const anyRatingRange: RatingRange = { min: 0, max: 3.4028234663852886e38 };

/** The scale of freshly read data: the given --rating-range, else the one its ratings show, else the default. */
export function resolveRatingRange(
  given: RatingRange | undefined,
  m: { readonly values: Float32Array | null },
): RatingRange {
  return given ?? inferredRatingRange(m) ?? defaultRatingRange;
}

/**
 * The scale the stored ratings show: the usual star scales when they fit one (whole stars within 1..5 -> 1..5,
 * the Netflix and MovieLens 100k/1M scale; half stars within 0.5..5 -> 0.5..5, ml-latest's), so that a sample
 * without a single 1 or 0.5 still gets its scale; otherwise the range they span. Null when there are none.
 */
export function inferredRatingRange(m: { readonly values: Float32Array | null }): RatingRange | null {
  const { values } = m;
  if (values === null || values.length === 0) return null;
  const n = values.length;
  let lo = Infinity;
  let hi = -Infinity;
  let whole = true;
  let half = true;
  for (let p = 0; p < n; p++) {
    const v = values[p];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (whole && v !== Math.floor(v)) whole = false;
    if (half && 2 * v !== Math.floor(2 * v)) half = false;
  }
  if (whole && lo >= 1 && hi <= 5) return { min: 1, max: 5 };
  if (half && lo >= 0.5 && hi <= 5) return { min: 0.5, max: 5 };
  return { min: lo, max: hi };
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
