import { makeColIdx, type CsrMatrix } from '../matrix/csr.js';
import type { Rng } from '../util/random.js';

/** A training matrix and the ratings held out of it. */
export interface HoldoutSplit {
  /** Same rows and columns as the input, without the held-out ratings. */
  readonly train: CsrMatrix;
  /** Held-out ratings in row order (columns ascending within a row): row, column, rating. */
  readonly testRows: Int32Array;
  readonly testCols: Int32Array;
  readonly testValues: Float32Array;
}

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
 * set; the rest stay in `train`. The same seed gives the same split. Two passes (count, fill), one draw per held-out
 * rating (Floyd's sampling with a mark array reused across rows).
 */
export function splitHoldout(m: CsrMatrix, share: number, rng: Rng): HoldoutSplit {
  const { nRows, rowPtr, colIdx, values } = m;
  const trainPtr = new Float64Array(nRows + 1);
  let nTest = 0;
  let longest = 0;
  for (let i = 0; i < nRows; i++) {
    const n = rowPtr[i + 1] - rowPtr[i];
    const hidden = hiddenCount(n, share);
    nTest += hidden;
    trainPtr[i + 1] = trainPtr[i] + n - hidden;
    if (n > longest) longest = n;
  }
  const nTrain = trainPtr[nRows];
  const trainCol = makeColIdx(m.nCols, nTrain);
  const trainVal = values === null ? null : new Float32Array(nTrain);
  const testRows = new Int32Array(nTest);
  const testCols = new Int32Array(nTest);
  const testValues = new Float32Array(nTest);
  const picked = new Uint8Array(longest);
  let q = 0;
  let t = 0;
  for (let i = 0; i < nRows; i++) {
    const start = rowPtr[i];
    const n = rowPtr[i + 1] - start;
    const hidden = hiddenCount(n, share);
    // Floyd: for j in n-h..n-1 pick t in [0, j]; if t is taken, take j (which cannot be taken yet)
    for (let j = n - hidden; j < n; j++) {
      const r = rng.int(j + 1);
      if (picked[r] === 0) picked[r] = 1;
      else picked[j] = 1;
    }
    for (let s = 0; s < n; s++) {
      const p = start + s;
      const v = values === null ? 1 : values[p];
      if (picked[s] === 1) {
        picked[s] = 0;
        testRows[t] = i;
        testCols[t] = colIdx[p];
        testValues[t] = v;
        t++;
      } else {
        trainCol[q] = colIdx[p];
        if (trainVal !== null) trainVal[q] = v;
        q++;
      }
    }
  }
  return {
    train: { nRows, nCols: m.nCols, rowPtr: trainPtr, colIdx: trainCol, values: trainVal },
    testRows,
    testCols,
    testValues,
  };
}

/** How many ratings splitHoldout would hold out, without splitting: to refuse a share that hides nothing. */
export function countHeldOut(m: CsrMatrix, share: number): number {
  let total = 0;
  for (let i = 0; i < m.nRows; i++) total += hiddenCount(m.rowPtr[i + 1] - m.rowPtr[i], share);
  return total;
}
