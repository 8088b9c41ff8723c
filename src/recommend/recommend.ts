import type { CsrMatrix } from '../matrix/csr.js';
import { clampRating, type RatingRange } from '../matrix/rating-range.js';
import type { FittedPredictor } from './predictors.js';

/**
 * Movies rated by fewer customers than this are never recommended, by every predictor and command alike (the cluster
 * profiles' default, one number everywhere): a movie one enthusiast gave 5 stars would otherwise top every list.
 */
export { defaultMinSupport } from '../metrics/profiles.js';

export interface Recommendation {
  readonly col: number;
  /** The predictor's rating, clamped to the scale. */
  readonly predicted: number;
  /** Customers who rated the movie (in the data the predictor was fitted on). */
  readonly support: number;
}

export interface TopOptions {
  readonly top: number;
  readonly minSupport: number;
  readonly ratingRange: RatingRange;
}

/** Reused buffers for topForRow, one per thread. */
export class TopScratch {
  readonly scores: Float64Array;
  readonly rated: Uint8Array;
  constructor(nCols: number) {
    this.scores = new Float64Array(nCols);
    this.rated = new Uint8Array(nCols);
  }
}

/**
 * The customer's `top` best unrated movies with support >= minSupport, by raw prediction (descending), then support
 * (descending), then column: a stable order. One predictRow, one pass over the movies with an insertion into a list
 * of at most `top`; the movies the customer rated are excluded by a mark array.
 */
export function topForRow(
  predictor: Pick<FittedPredictor, 'predictRow'>,
  ratings: CsrMatrix,
  support: Float64Array,
  row: number,
  opts: TopOptions,
  scratch: TopScratch,
): { recommendations: Recommendation[]; candidates: number } {
  const { scores, rated } = scratch;
  const nCols = ratings.nCols;
  predictor.predictRow(row, scores);
  const start = ratings.rowPtr[row];
  const end = ratings.rowPtr[row + 1];
  for (let p = start; p < end; p++) rated[ratings.colIdx[p]] = 1;
  const top = opts.top;
  const minSupport = opts.minSupport;
  const cols: number[] = [];
  let candidates = 0;
  for (let j = 0; j < nCols; j++) {
    if (rated[j] === 1 || support[j] < minSupport || support[j] === 0) continue;
    candidates++;
    const s = scores[j];
    if (cols.length === top) {
      const last = cols[top - 1];
      if (!(s > scores[last] || (s === scores[last] && support[j] > support[last]))) continue;
      cols.pop();
    }
    let at = cols.length;
    while (at > 0) {
      const c = cols[at - 1];
      if (s > scores[c] || (s === scores[c] && support[j] > support[c])) at--;
      else break;
    }
    cols.splice(at, 0, j);
  }
  for (let p = start; p < end; p++) rated[ratings.colIdx[p]] = 0;
  return {
    recommendations: cols.map((j) => ({
      col: j,
      predicted: clampRating(scores[j], opts.ratingRange),
      support: support[j],
    })),
    candidates,
  };
}

/** The row of a customer id, or -1. */
export function findCustomerRow(customerIds: Int32Array, id: number): number {
  return customerIds.indexOf(id);
}
