import type { CsrMatrix } from './csr.js';

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
 * Fits the biases on the stored entries of `m` (binary matrices count every entry as 1). Serial and in row order,
 * so the result is the same bytes on every run and thread count; a pass is two sweeps over the ratings.
 */
export function fitBaseline(m: CsrMatrix, options: Partial<BaselineOptions> = {}): Baseline {
  const { regItem, regUser, passes }: BaselineOptions = { ...defaultBaselineOptions, ...options };
  const { nRows, nCols, rowPtr, colIdx, values } = m;
  const total = rowPtr[nRows];
  let sum = 0;
  if (values === null) sum = total;
  else for (let p = 0; p < total; p++) sum += values[p];
  const mu = total > 0 ? sum / total : 0;

  const itemCount = new Float64Array(nCols);
  for (let p = 0; p < total; p++) itemCount[colIdx[p]] += 1;
  const userBias = new Float64Array(nRows);
  const itemBias = new Float64Array(nCols);
  const itemAcc = new Float64Array(nCols);
  const ptr = fastRowPtr(m);
  for (let pass = 0; pass < passes; pass++) {
    itemAcc.fill(0);
    for (let i = 0; i < nRows; i++) {
      const bu = mu + userBias[i];
      const end = ptr[i + 1];
      for (let p = ptr[i]; p < end; p++) itemAcc[colIdx[p]] += (values === null ? 1 : values[p]) - bu;
    }
    for (let j = 0; j < nCols; j++) itemBias[j] = itemAcc[j] / (regItem + itemCount[j]);
    customerStep(m, ptr, mu, itemBias, regUser, userBias);
  }
  return { mu, userBias, itemBias };
}

/** int32 row offsets while they fit: V8 keeps Float64Array-derived counters as doubles, which is slower. */
function fastRowPtr(m: CsrMatrix): Int32Array | Float64Array {
  return m.rowPtr[m.nRows] < 2 ** 31 ? Int32Array.from(m.rowPtr) : m.rowPtr;
}

/** The customer step of a pass, b_u = sum_i (r_ui - mu - b_i) / (regUser + n_u), into `userBias`. */
function customerStep(
  m: CsrMatrix,
  ptr: Int32Array | Float64Array,
  mu: number,
  itemBias: Float64Array,
  regUser: number,
  userBias: Float64Array,
): void {
  const { nRows, colIdx, values } = m;
  for (let i = 0; i < nRows; i++) {
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
  const { nRows, rowPtr, colIdx, values } = m;
  const out = new Float32Array(rowPtr[nRows]);
  const { mu, userBias, itemBias } = b;
  for (let i = 0; i < nRows; i++) {
    const bu = mu + userBias[i];
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) out[p] = (values === null ? 1 : values[p]) - bu - itemBias[colIdx[p]];
  }
  return { ...m, values: out };
}

/**
 * The customer biases of `m`'s rows against fixed mu and movie biases: the customer step of a pass, alone. This is
 * how a saved model measures new customers; for its own training rows it is fitBaseline's last step, so it gives
 * the same bits.
 */
export function customerBiases(m: CsrMatrix, mu: number, itemBias: Float64Array, regUser: number): Float64Array {
  const userBias = new Float64Array(m.nRows);
  customerStep(m, fastRowPtr(m), mu, itemBias, regUser, userBias);
  return userBias;
}
