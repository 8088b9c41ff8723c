import type { CsrMatrix } from '../matrix/csr.js';

/** What the simple predictors need, from the training ratings. */
export interface BaselineStats {
  /** Mean of all training ratings (0 when there is none). */
  readonly globalMean: number;
  /** Mean training rating of each movie; the global mean for a movie nobody rated. */
  readonly movieMeans: Float64Array;
  /** Training ratings of each movie. */
  readonly movieCounts: Float64Array;
  /** Mean training rating of each customer; the global mean for a customer with none. */
  readonly customerMeans: Float64Array;
}

/** One pass over the CSR. Binary matrices (no values) count every entry as 1. */
export function baselineStats(m: CsrMatrix): BaselineStats {
  const { nRows, nCols, rowPtr, colIdx, values } = m;
  const movieSums = new Float64Array(nCols);
  const movieCounts = new Float64Array(nCols);
  const customerMeans = new Float64Array(nRows);
  let total = 0;
  for (let i = 0; i < nRows; i++) {
    const end = rowPtr[i + 1];
    let s = 0;
    for (let p = rowPtr[i]; p < end; p++) {
      const v = values === null ? 1 : values[p];
      const j = colIdx[p];
      movieSums[j] += v;
      movieCounts[j] += 1;
      s += v;
    }
    total += s;
    const n = end - rowPtr[i];
    customerMeans[i] = n > 0 ? s / n : NaN;
  }
  const count = rowPtr[nRows];
  const globalMean = count > 0 ? total / count : 0;
  for (let i = 0; i < nRows; i++) if (Number.isNaN(customerMeans[i])) customerMeans[i] = globalMean;
  const movieMeans = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) movieMeans[j] = movieCounts[j] > 0 ? movieSums[j] / movieCounts[j] : globalMean;
  return { globalMean, movieMeans, movieCounts, customerMeans };
}

/**
 * The baseline predictor: the customer's mean plus the movie's offset from the global mean. A harsh rater stays
 * harsh, a good movie stays good; no interaction between the two (that is what clusters add).
 */
export function baselinePrediction(stats: BaselineStats, row: number, col: number): number {
  return stats.customerMeans[row] + stats.movieMeans[col] - stats.globalMean;
}
