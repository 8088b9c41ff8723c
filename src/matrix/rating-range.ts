import type { CsrMatrix } from './csr.js';

/** The rating scale: the lowest and highest rating a file may hold (1..5 for Netflix, 0.5..5 for MovieLens). */
export interface RatingRange {
  readonly min: number;
  readonly max: number;
}

/** The Netflix Prize scale, used where no data says otherwise. */
export const defaultRatingRange: RatingRange = { min: 1, max: 5 };

/**
 * The range the stored ratings actually span, or null when there are none (or the matrix is binary). Readers use
 * it as the scale when the user gave no --rating-range: the scale is what the file holds.
 */
export function observedRatingRange(m: CsrMatrix): RatingRange | null {
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
