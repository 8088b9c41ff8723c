import { makeColIdx, type CsrMatrix } from '../matrix/csr.js';
import { shuffledRange, type Rng } from '../util/random.js';

/**
 * A training matrix and the ratings to predict. The test ratings are grouped by customer (`testGroups` ascending:
 * one group per customer of the test set, for the ranking metrics). A test row or column of -1 is a customer or
 * movie the training data does not have: predicted by the fallback.
 */
export interface TrainTest {
  readonly train: CsrMatrix;
  readonly testRows: Int32Array;
  readonly testCols: Int32Array;
  readonly testValues: Float32Array;
  readonly testGroups: Int32Array;
}

/**
 * Seeded k-fold over ratings: a uniform shuffle of all rating positions (Fisher-Yates), position t of the shuffle
 * goes to fold t mod k. So the folds are disjoint, cover every rating, and differ in size by at most one.
 */
export function assignFolds(total: number, folds: number, rng: Rng): Uint8Array {
  const order = shuffledRange(rng, total);
  const fold = new Uint8Array(total);
  for (let t = 0; t < total; t++) fold[order[t]] = t % folds;
  return fold;
}

/** The ratings of fold `f` as the test set, all others as training (same rows and columns as `m`). */
export function foldSplit(m: CsrMatrix, fold: Uint8Array, f: number): TrainTest {
  const split = splitByMark(m, fold, f);
  return { ...split, testGroups: split.testRows };
}

/** A training matrix and the ratings taken out of it, in row order (columns ascending within a row). */
export type RatingSplit = Omit<TrainTest, 'testGroups'>;

/**
 * The one split both protocols share: rating p of `m` (CSR entry order) goes to the test set when
 * `mark[p] === testMark`, to `train` otherwise. `train` keeps the rows and columns of `m`.
 */
export function splitByMark(m: CsrMatrix, mark: Uint8Array, testMark: number): RatingSplit {
  const { nRows, rowPtr, colIdx, values } = m;
  const total = rowPtr[nRows];
  let nTest = 0;
  for (let p = 0; p < total; p++) if (mark[p] === testMark) nTest++;
  const trainPtr = new Float64Array(nRows + 1);
  const trainCol = makeColIdx(m.nCols, total - nTest);
  const trainVal = values === null ? null : new Float32Array(total - nTest);
  const testRows = new Int32Array(nTest);
  const testCols = new Int32Array(nTest);
  const testValues = new Float32Array(nTest);
  let q = 0;
  let t = 0;
  for (let i = 0; i < nRows; i++) {
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) {
      const v = values === null ? 1 : values[p];
      if (mark[p] === testMark) {
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
    trainPtr[i + 1] = q;
  }
  return {
    train: { nRows, nCols: m.nCols, rowPtr: trainPtr, colIdx: trainCol, values: trainVal },
    testRows,
    testCols,
    testValues,
  };
}
