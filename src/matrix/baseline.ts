import { rowOffsets, type CsrMatrix } from './csr.js';
import { chunkCount, chunkRows } from './row-chunks.js';

/**
 * The classic baseline predictor r_ui ~ mu + b_u + b_i (Koren, "Factor in the neighbors", 2010, section 2.1),
 * fitted as Surprise's BaselineOnly does with ALS: alternating closed-form passes, movies first, then customers,
 *   b_i = sum_u (r_ui - mu - b_u) / (regItem + n_i)
 *   b_u = sum_i (r_ui - mu - b_i) / (regUser + n_u)
 * The regularisers shrink the bias of a movie (customer) with few ratings toward 0, i.e. toward the global mean.
 */
export interface BaselineOptions {
  readonly regItem: number;
  readonly regUser: number;
  readonly passes: number;
}

export const defaultBaselineOptions: BaselineOptions = { regItem: 10, regUser: 15, passes: 10 };

export interface Baseline {
  /** Mean of all stored ratings (0 when there are none). */
  readonly mu: number;
  /** b_u per row (customer); 0 for a customer with no rating. */
  readonly userBias: Float64Array;
  /** b_i per column (movie); 0 for a movie nobody rated. */
  readonly itemBias: Float64Array;
}

/**
 * Fits the biases on the stored entries of `m` (binary matrices count every entry as 1). A pass is two sweeps over
 * the ratings: the movie sums by chunks of rows added in chunk order (one chunk below 2,049 customers, i.e. plain
 * row order), then each customer's own sum; baseline-threads.ts runs the same sweeps on worker threads, so the
 * result is the same bytes on every run and thread count.
 */
export function fitBaseline(m: CsrMatrix, options: Partial<BaselineOptions> = {}): Baseline {
  const { regItem, regUser, passes }: BaselineOptions = { ...defaultBaselineOptions, ...options };
  const { nRows, nCols } = m;
  const { mu, itemCount } = ratingCounts(m);
  const userBias = new Float64Array(nRows);
  const itemBias = new Float64Array(nCols);
  const itemAcc = new Float64Array(nCols);
  const chunk = new Float64Array(nCols);
  const ptr = rowOffsets(m);
  for (let pass = 0; pass < passes; pass++) {
    movieSums(m, ptr, mu, userBias, itemAcc, chunk);
    itemStep(itemAcc, itemCount, regItem, itemBias);
    customerStep(m, ptr, mu, itemBias, regUser, userBias, 0, nRows);
  }
  return { mu, userBias, itemBias };
}

/** mu (the mean stored rating, 0 when there is none) and the number of ratings of each movie. */
export function ratingCounts(m: CsrMatrix): { mu: number; itemCount: Float64Array } {
  const { nRows, nCols, rowPtr, colIdx, values } = m;
  const total = rowPtr[nRows];
  let sum = 0;
  if (values === null) sum = total;
  else for (let p = 0; p < total; p++) sum += values[p];
  const itemCount = new Float64Array(nCols);
  for (let p = 0; p < total; p++) itemCount[colIdx[p]] += 1;
  return { mu: total > 0 ? sum / total : 0, itemCount };
}

/**
 * out[offset + j] = sum_u (r_uj - mu - b_u) over rows r0..r1 (one chunk), from zero, rows in ascending order. The
 * movie sums of a pass are these chunk sums added in chunk order (movieSums), on any thread.
 */
export function itemSums(
  m: CsrMatrix,
  ptr: Int32Array | Float64Array,
  mu: number,
  userBias: Float64Array,
  out: Float64Array,
  offset: number,
  r0: number,
  r1: number,
): void {
  const { colIdx, values } = m;
  out.fill(0, offset, offset + m.nCols);
  for (let i = r0; i < r1; i++) {
    const bu = mu + userBias[i];
    const end = ptr[i + 1];
    for (let p = ptr[i]; p < end; p++) out[offset + colIdx[p]] += (values === null ? 1 : values[p]) - bu;
  }
}

/** itemAcc = the movie sums of a pass on this thread: chunk by chunk (row-chunks.ts) into `chunk`, added in order. */
function movieSums(
  m: CsrMatrix,
  ptr: Int32Array | Float64Array,
  mu: number,
  userBias: Float64Array,
  itemAcc: Float64Array,
  chunk: Float64Array,
): void {
  const rows = chunkRows(m.nRows);
  const n = chunkCount(m.nRows);
  itemAcc.fill(0);
  for (let c = 0; c < n; c++) {
    itemSums(m, ptr, mu, userBias, chunk, 0, c * rows, Math.min(m.nRows, (c + 1) * rows));
    for (let j = 0; j < m.nCols; j++) itemAcc[j] += chunk[j];
  }
}

/** The movie step of a pass: b_i = itemAcc[i] / (regItem + n_i). */
export function itemStep(
  itemAcc: Float64Array,
  itemCount: Float64Array,
  regItem: number,
  itemBias: Float64Array,
): void {
  for (let j = 0; j < itemAcc.length; j++) itemBias[j] = itemAcc[j] / (regItem + itemCount[j]);
}

/** The customer step of a pass, b_u = sum_i (r_ui - mu - b_i) / (regUser + n_u), rows r0..r1 into `userBias`. */
export function customerStep(
  m: CsrMatrix,
  ptr: Int32Array | Float64Array,
  mu: number,
  itemBias: Float64Array,
  regUser: number,
  userBias: Float64Array,
  r0: number,
  r1: number,
): void {
  const { colIdx, values } = m;
  for (let i = r0; i < r1; i++) {
    const start = ptr[i];
    const end = ptr[i + 1];
    let acc = 0;
    for (let p = start; p < end; p++) acc += (values === null ? 1 : values[p]) - mu - itemBias[colIdx[p]];
    userBias[i] = acc / (regUser + (end - start));
  }
}

/** The baseline's prediction for customer row `row`, movie column `col`. */
export function baselinePredict(b: Baseline, row: number, col: number): number {
  return b.mu + b.userBias[row] + b.itemBias[col];
}

/**
 * The residual matrix: each stored rating minus its baseline prediction, same structure as `m`. Not rated stays 0,
 * which now reads "as the baseline expects" rather than "zero stars".
 */
export function residualMatrix(m: CsrMatrix, b: Baseline): CsrMatrix {
  const out = new Float32Array(m.rowPtr[m.nRows]);
  residualRows(m, b, out, 0, m.nRows);
  return { ...m, values: out };
}

/** The residuals of rows r0..r1 into `out` (aligned with m's entries). */
export function residualRows(m: CsrMatrix, b: Baseline, out: Float32Array, r0: number, r1: number): void {
  const { rowPtr, colIdx, values } = m;
  const { mu, userBias, itemBias } = b;
  for (let i = r0; i < r1; i++) {
    const bu = mu + userBias[i];
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) out[p] = (values === null ? 1 : values[p]) - bu - itemBias[colIdx[p]];
  }
}

/**
 * The customer biases of `m`'s rows against fixed mu and movie biases: the customer step of a pass, alone. This is
 * how a saved model measures new customers; for its own training rows it is fitBaseline's last step, so it gives
 * the same bits.
 */
export function customerBiases(m: CsrMatrix, mu: number, itemBias: Float64Array, regUser: number): Float64Array {
  const userBias = new Float64Array(m.nRows);
  customerStep(m, rowOffsets(m), mu, itemBias, regUser, userBias, 0, m.nRows);
  return userBias;
}
