import { sharedArray, toShared } from '../matrix/shared.js';

/**
 * Every predictor's predictions of one customer's row in one form:
 *   out[j] = rowBase[row] + colBase[j] (+ p_row . q_j) (+ table[j * k + labels[row]])
 * global: mu + 0; movie: 0 + movie mean; baseline: (mu + b_u) + b_i; cluster: the baseline plus its residual table;
 * mf: (mu + b_u) + b_i + p . q. Plain arrays in shared memory, so the recommend workers read it without a copy; the
 * sums run in the order of each predictor's predict(), so both give the same bits.
 */
export interface RowModel {
  readonly nCols: number;
  readonly rowBase: Float64Array;
  readonly colBase: Float64Array;
  readonly factors: number;
  /** nRows x factors, or null. */
  readonly p: Float64Array | null;
  /** factors x nCols (transposed: a factor of every movie contiguous), or null. */
  readonly qt: Float64Array | null;
  readonly k: number;
  readonly labels: Int32Array | null;
  /** nCols x k, `[j * k + cluster]`, or null. */
  readonly table: Float64Array | null;
}

export function linearRowModel(rowBase: Float64Array, colBase: Float64Array): RowModel {
  return {
    nCols: colBase.length,
    rowBase: toShared(rowBase),
    colBase: toShared(colBase),
    factors: 0,
    p: null,
    qt: null,
    k: 0,
    labels: null,
    table: null,
  };
}

export function withClusters(m: RowModel, labels: Int32Array, k: number, table: Float64Array): RowModel {
  return { ...m, k, labels: toShared(labels), table: toShared(table) };
}

/** From vectors of stride factors + 1 (factors, then bias), as ALS leaves them. */
export function factorRowModel(
  mu: number,
  customerVectors: Float64Array,
  movieVectors: Float64Array,
  factors: number,
  nRows: number,
  nCols: number,
): RowModel {
  const f1 = factors + 1;
  const rowBase = sharedArray(Float64Array, nRows);
  const p = sharedArray(Float64Array, nRows * factors);
  for (let i = 0; i < nRows; i++) {
    rowBase[i] = mu + customerVectors[i * f1 + factors];
    for (let a = 0; a < factors; a++) p[i * factors + a] = customerVectors[i * f1 + a];
  }
  const colBase = sharedArray(Float64Array, nCols);
  const qt = sharedArray(Float64Array, factors * nCols);
  for (let j = 0; j < nCols; j++) {
    colBase[j] = movieVectors[j * f1 + factors];
    for (let a = 0; a < factors; a++) qt[a * nCols + j] = movieVectors[j * f1 + a];
  }
  return { nCols, rowBase, colBase, factors, p, qt, k: 0, labels: null, table: null };
}

/**
 * One row's predictions into out. Each out[j] adds its terms in the order above (the factors in ascending order), as
 * predict() does; the factors are taken eight (then four, then one) per sweep of out, which reads and writes out
 * that many times less often and keeps each sum's order: 3x the one-factor sweeps at 20 factors and 5,332 movies
 * (`recommend --all` spends most of its time here).
 */
export function predictRowWith(m: RowModel, row: number, out: Float64Array): void {
  const nCols = m.nCols;
  const base = m.rowBase[row];
  const colBase = m.colBase;
  for (let j = 0; j < nCols; j++) out[j] = base + colBase[j];
  const F = m.factors;
  if (F > 0) {
    const p = m.p!;
    const qt = m.qt!;
    const at = row * F;
    let a = 0;
    for (; a + 7 < F; a += 8) {
      const p0 = p[at + a];
      const p1 = p[at + a + 1];
      const p2 = p[at + a + 2];
      const p3 = p[at + a + 3];
      const p4 = p[at + a + 4];
      const p5 = p[at + a + 5];
      const p6 = p[at + a + 6];
      const p7 = p[at + a + 7];
      const o0 = a * nCols;
      const o1 = o0 + nCols;
      const o2 = o1 + nCols;
      const o3 = o2 + nCols;
      const o4 = o3 + nCols;
      const o5 = o4 + nCols;
      const o6 = o5 + nCols;
      const o7 = o6 + nCols;
      for (let j = 0; j < nCols; j++) {
        out[j] =
          out[j] +
          p0 * qt[o0 + j] +
          p1 * qt[o1 + j] +
          p2 * qt[o2 + j] +
          p3 * qt[o3 + j] +
          p4 * qt[o4 + j] +
          p5 * qt[o5 + j] +
          p6 * qt[o6 + j] +
          p7 * qt[o7 + j];
      }
    }
    for (; a + 3 < F; a += 4) {
      const p0 = p[at + a];
      const p1 = p[at + a + 1];
      const p2 = p[at + a + 2];
      const p3 = p[at + a + 3];
      const o0 = a * nCols;
      const o1 = o0 + nCols;
      const o2 = o1 + nCols;
      const o3 = o2 + nCols;
      for (let j = 0; j < nCols; j++) {
        out[j] = out[j] + p0 * qt[o0 + j] + p1 * qt[o1 + j] + p2 * qt[o2 + j] + p3 * qt[o3 + j];
      }
    }
    for (; a < F; a++) {
      const pa = p[at + a];
      const o = a * nCols;
      for (let j = 0; j < nCols; j++) out[j] += pa * qt[o + j];
    }
  }
  if (m.table !== null) {
    const k = m.k;
    const c = m.labels![row];
    const table = m.table;
    for (let j = 0; j < nCols; j++) out[j] += table[j * k + c];
  }
}
