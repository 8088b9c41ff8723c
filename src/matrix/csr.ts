import type { RatingRange } from './rating-range.js';

/**
 * A customers x movies matrix in compressed sparse row form. Row i's entries are colIdx/values in
 * [rowPtr[i], rowPtr[i+1]), columns ascending. `values === null` means every stored entry is 1 (the binary
 * "has rated" matrix), which halves the bytes a pass reads.
 */
export interface CsrMatrix {
  readonly nRows: number;
  readonly nCols: number;
  /** n+1 offsets; Float64Array so that more than 2^31 entries still index exactly. */
  readonly rowPtr: Float64Array;
  /** Uint16Array while there are fewer than 65,536 columns (movies), Int32Array beyond. */
  readonly colIdx: Uint16Array | Int32Array;
  readonly values: Float32Array | null;
}

/** The rating matrix with its labels: what every reader returns and every command consumes. */
export interface RatingsData {
  readonly matrix: CsrMatrix;
  /** Cust_Id of each row. */
  readonly customerIds: Int32Array;
  /** Movie id of each column, ascending as in the file's header. */
  readonly movieIds: Int32Array;
  /** Where the data came from, for messages. */
  readonly source: string;
  /**
   * The rating scale: the given --rating-range, else the one the file's ratings show (inferredRatingRange: 1..5
   * for whole stars, 0.5..5 for half stars, else the range they span), else defaultRatingRange. Saved in the model; every later command uses it (clamping, colour scales).
   */
  readonly ratingRange: RatingRange;
  /**
   * Seconds since 1970 of each stored rating, aligned with matrix.values (for a later time-based split); absent
   * or null when the file had no timestamps.
   */
  readonly timestamps?: Float64Array | null;
}

/** RatingsData before its scale is settled (a reader adds ratingRange from the values). */
export type UnscaledRatings = Omit<RatingsData, 'ratingRange'>;

export function nnz(m: CsrMatrix): number {
  return m.rowPtr[m.nRows];
}

/**
 * Row offsets as int32 while the entries fit: V8 keeps loop counters read from a Float64Array as doubles, 10-20 %
 * slower (see kmeans/kernel-codegen.ts). Made once per pass runner, worker or fit, not per pass.
 */
export function rowOffsets(m: CsrMatrix): Float64Array | Int32Array {
  return m.rowPtr[m.nRows] < 2 ** 31 ? Int32Array.from(m.rowPtr) : m.rowPtr;
}

export function makeColIdx(nCols: number, length: number): Uint16Array | Int32Array {
  return nCols < 65536 ? new Uint16Array(length) : new Int32Array(length);
}

/** The rows `rows` (ascending indices) as a new matrix. */
export function selectRows(m: CsrMatrix, rows: ArrayLike<number>): CsrMatrix {
  const n = rows.length;
  const rowPtr = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    rowPtr[i + 1] = rowPtr[i] + (m.rowPtr[r + 1] - m.rowPtr[r]);
  }
  const total = rowPtr[n];
  const colIdx = makeColIdx(m.nCols, total);
  const values = m.values ? new Float32Array(total) : null;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const start = m.rowPtr[r];
    const end = m.rowPtr[r + 1];
    colIdx.set(m.colIdx.subarray(start, end), rowPtr[i]);
    if (values) values.set(m.values!.subarray(start, end), rowPtr[i]);
  }
  return { nRows: n, nCols: m.nCols, rowPtr, colIdx, values };
}

export function selectDataRows(data: RatingsData, rows: ArrayLike<number>): RatingsData {
  const customerIds = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) customerIds[i] = data.customerIds[rows[i]];
  const times = data.timestamps;
  if (times === undefined || times === null) return { ...data, matrix: selectRows(data.matrix, rows), customerIds };
  const { rowPtr } = data.matrix;
  const matrix = selectRows(data.matrix, rows);
  const kept = new Float64Array(matrix.rowPtr[matrix.nRows]);
  for (let i = 0; i < rows.length; i++)
    kept.set(times.subarray(rowPtr[rows[i]], rowPtr[rows[i] + 1]), matrix.rowPtr[i]);
  return { ...data, matrix, customerIds, timestamps: kept };
}

/** The first `rows` rows (in row order, so the lowest customer ids), or all of them when `rows` is absent. */
export function firstDataRows(data: RatingsData, rows: number | undefined): RatingsData {
  if (rows === undefined || rows >= data.matrix.nRows) return data;
  return selectDataRows(
    data,
    Int32Array.from({ length: rows }, (_, i) => i),
  );
}

/** Dense copy, for small matrices only (the ml-kmeans engine and tests). */
export function toDenseRows(m: CsrMatrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.nRows; i++) {
    const row = new Array<number>(m.nCols).fill(0);
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) row[m.colIdx[p]] = m.values ? m.values[p] : 1;
    out.push(row);
  }
  return out;
}

/** Builds a CSR from dense rows where 0 means absent; for tests and small fixtures. */
export function fromDenseRows(rows: number[][], binary = false): CsrMatrix {
  const nCols = rows.length ? rows[0].length : 0;
  const rowPtr = new Float64Array(rows.length + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  rows.forEach((row, i) => {
    row.forEach((v, j) => {
      if (v !== 0) {
        cols.push(j);
        vals.push(v);
      }
    });
    rowPtr[i + 1] = cols.length;
  });
  const colIdx = makeColIdx(nCols, cols.length);
  colIdx.set(cols);
  return { nRows: rows.length, nCols, rowPtr, colIdx, values: binary ? null : Float32Array.from(vals) };
}
