import type { RatingsData } from '../matrix/csr.js';
import { mapColumns } from './columns.js';
import type { TrainTest } from './split.js';

export interface FileSplit extends TrainTest {
  /** Test customers (and their ratings) the training file does not have. */
  readonly unknownCustomers: number;
  readonly unknownCustomerRatings: number;
  /** Test movies (and their ratings) the training file does not have. */
  readonly unknownMovies: number;
  readonly unknownMovieRatings: number;
}

/**
 * A given split (MovieLens u1.base / u1.test): the test file's ratings in the training file's rows and columns,
 * matched by Cust_Id and movie id; a customer or movie the training file lacks gets -1 and the fallback.
 */
export function fileSplit(train: RatingsData, test: RatingsData): FileSplit {
  const rowOf = new Map<number, number>();
  for (let i = 0; i < train.customerIds.length; i++) rowOf.set(train.customerIds[i], i);
  const cols = mapColumns(test.movieIds, train.movieIds);
  const m = test.matrix;
  const n = m.rowPtr[m.nRows];
  const testRows = new Int32Array(n);
  const testCols = new Int32Array(n);
  const testValues = new Float32Array(n);
  const testGroups = new Int32Array(n);
  let unknownCustomers = 0;
  let unknownCustomerRatings = 0;
  let unknownMovieRatings = 0;
  let t = 0;
  for (let i = 0; i < m.nRows; i++) {
    const row = rowOf.get(test.customerIds[i]) ?? -1;
    const end = m.rowPtr[i + 1];
    if (row < 0 && end > m.rowPtr[i]) {
      unknownCustomers++;
      unknownCustomerRatings += end - m.rowPtr[i];
    }
    for (let p = m.rowPtr[i]; p < end; p++) {
      const col = cols.toModel[m.colIdx[p]];
      if (col < 0) unknownMovieRatings++;
      testRows[t] = row;
      testCols[t] = col;
      testValues[t] = m.values === null ? 1 : m.values[p];
      testGroups[t] = i;
      t++;
    }
  }
  let unknownMovies = 0;
  const counts = new Float64Array(m.nCols);
  for (let p = 0; p < n; p++) counts[m.colIdx[p]]++;
  for (let j = 0; j < m.nCols; j++) if (cols.toModel[j] < 0 && counts[j] > 0) unknownMovies++;
  return {
    train: train.matrix,
    testRows,
    testCols,
    testValues,
    testGroups,
    unknownCustomers,
    unknownCustomerRatings,
    unknownMovies,
    unknownMovieRatings,
  };
}
