import type { RatingsData } from '../../matrix/csr.js';
import { DEFAULT_ROW_GROUP_ROWS, writeParquetFile, type ParquetBatch, type ParquetColumnSpec } from './parquet-file.js';

/** The long table `convert IN OUT.parquet` writes: what Spark's ALS and DuckDB read as they are. */
export const longRatingsSpecs: readonly ParquetColumnSpec[] = [
  // delta: customers ascend and each customer's movies ascend, so the differences are small (10x smaller than
  // dictionary ids, read back as typed arrays); Spark reads DELTA_BINARY_PACKED vectorised from 3.3 on
  // statistics on Cust_Id only: it is sorted, so its min/max let Spark or DuckDB skip row groups on a customer
  // filter; every row group holds nearly every movie and rating, so theirs would prune nothing and cost seconds
  { name: 'Cust_Id', type: 'int32', encoding: 'delta' },
  { name: 'movie', type: 'int32', encoding: 'delta', statistics: false },
  // float32 is what the CSR holds: every rating a reader gave us is exactly representable
  { name: 'rating', type: 'float', statistics: false },
];

/** When the ratings have times (a long CSV's timestamps): seconds since 1970, as the long CSV reader holds them. */
const timestampSpec: ParquetColumnSpec = { name: 'timestamp', type: 'double', statistics: false };

/**
 * Writes the ratings as a long Parquet table (Cust_Id, movie, rating[, timestamp]), customers ascending and each customer's
 * movies ascending, in row groups of about a million ratings built from the CSR one at a time: the memory is the
 * matrix plus one row group, never the table as JavaScript values.
 */
export async function writeLongRatingsParquet(
  path: string,
  data: RatingsData,
  rowsPerGroup = DEFAULT_ROW_GROUP_ROWS,
): Promise<number> {
  // one page per column chunk: see ParquetWriteOptions.pageSize
  const specs = data.timestamps ? [...longRatingsSpecs, timestampSpec] : longRatingsSpecs;
  await writeParquetFile(path, specs, longRatingGroups(data, rowsPerGroup), { pageSize: 0 });
  return data.matrix.rowPtr[data.matrix.nRows];
}

function* longRatingGroups(data: RatingsData, rowsPerGroup: number): Generator<ParquetBatch> {
  const { matrix: m, customerIds, movieIds } = data;
  const total = m.rowPtr[m.nRows];
  const { colIdx, values, rowPtr } = m;
  const times = data.timestamps ?? null;
  let row = 0;
  for (let start = 0; start < total; start += rowsPerGroup) {
    const end = Math.min(total, start + rowsPerGroup);
    const n = end - start;
    // fresh arrays per group: the writer may still hold the previous group's while it compresses
    const cust = new Int32Array(n);
    const movie = new Int32Array(n);
    const rating = new Float32Array(n);
    while (rowPtr[row + 1] <= start) row++;
    let next = rowPtr[row + 1];
    let id = customerIds[row];
    for (let p = start, i = 0; p < end; p++, i++) {
      while (p >= next) {
        row++;
        next = rowPtr[row + 1];
        id = customerIds[row];
      }
      cust[i] = id;
      movie[i] = movieIds[colIdx[p]];
      rating[i] = values === null ? 1 : values[p];
    }
    yield times === null ? [cust, movie, rating] : [cust, movie, rating, times.subarray(start, end)];
  }
}
