import type { CsrMatrix } from '../matrix/csr.js';
import type { Rng } from '../util/random.js';
import { splitByMark, type RatingSplit } from './split.js';

/** A training matrix (same rows and columns as the input) and the ratings held out of it. */
export type HoldoutSplit = RatingSplit;

/**
 * How many of a customer's n ratings are held out for share h: round(h x n), but at least one is always kept, so a
 * customer with 2+ ratings is never left without training data and a customer with one rating hides nothing.
 * Deterministic per customer (rather than a coin per rating) so the share holds for every customer, not just on
 * average.
 */
export function hiddenCount(n: number, share: number): number {
  if (n < 2) return 0;
  return Math.min(n - 1, Math.round(share * n));
}

/**
 * Splits each customer's ratings: hiddenCount(n, share) of them, chosen uniformly at random by `rng`, go to the test
 * set; the rest stay in `train`. The same seed gives the same split. One draw per held-out rating (Floyd's
 * sampling), marking the held-out entries for splitByMark (one byte a rating, as the k-fold's fold array).
 */
export function splitHoldout(m: CsrMatrix, share: number, rng: Rng): HoldoutSplit {
  const { nRows, rowPtr } = m;
  const held = new Uint8Array(rowPtr[nRows]);
  for (let i = 0; i < nRows; i++) {
    const start = rowPtr[i];
    const n = rowPtr[i + 1] - start;
    // Floyd: for j in n-h..n-1 pick t in [0, j]; if t is taken, take j (which cannot be taken yet)
    for (let j = n - hiddenCount(n, share); j < n; j++) {
      const r = start + rng.int(j + 1);
      if (held[r] === 0) held[r] = 1;
      else held[start + j] = 1;
    }
  }
  return splitByMark(m, held, 1);
}

/** How many ratings splitHoldout would hold out, without splitting: to refuse a share that hides nothing. */
export function countHeldOut(m: CsrMatrix, share: number): number {
  let total = 0;
  for (let i = 0; i < m.nRows; i++) total += hiddenCount(m.rowPtr[i + 1] - m.rowPtr[i], share);
  return total;
}
