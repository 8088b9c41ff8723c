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
 * predict() does; the factor terms come from factorSweeps.
 */
export function predictRowWith(m: RowModel, row: number, out: Float64Array): void {
  const nCols = m.nCols;
  const base = m.rowBase[row];
  const colBase = m.colBase;
  for (let j = 0; j < nCols; j++) out[j] = base + colBase[j];
  const F = m.factors;
  if (F > 0) factorSweeps(F)(out, m.p!, row * F, m.qt!, nCols);
  if (m.table !== null) {
    const k = m.k;
    const c = m.labels![row];
    const table = m.table;
    for (let j = 0; j < nCols; j++) out[j] += table[j * k + c];
  }
}

type SweepsFn = (out: Float64Array, p: Float64Array, at: number, qt: Float64Array, nCols: number) => void;

/** Factors per sweep of out: their p values and partial sums stay in registers. */
const SWEEP_FACTORS = 8;

const sweepsByFactors = new Map<number, SweepsFn>();

/**
 * out[j] += p[at + a] qt[a][j] for a ascending, generated for exactly `factors` factors: SWEEP_FACTORS per sweep
 * of out, the rest in one last sweep, which reads and writes out that many times less often than a sweep per
 * factor and keeps each sum's order (3x faster at 20 factors and 5,332 movies: 8 + 8 + 4; `recommend --all` spends
 * most of its time here).
 */
function factorSweeps(factors: number): SweepsFn {
  let fn = sweepsByFactors.get(factors);
  if (fn === undefined) {
    const sweeps: string[] = [];
    for (let a0 = 0; a0 < factors; a0 += SWEEP_FACTORS) {
      const ts = Array.from({ length: Math.min(SWEEP_FACTORS, factors - a0) }, (_, t) => t);
      const loads = ts.map((t) => `const p${t} = p[at + ${a0 + t}], o${t} = ${a0 + t} * nCols;`).join(' ');
      const terms = ts.map((t) => ` + p${t} * qt[o${t} + j]`).join('');
      sweeps.push(`{ ${loads} for (let j = 0; j < nCols; j++) out[j] = out[j]${terms}; }`);
    }
    fn = new Function('out', 'p', 'at', 'qt', 'nCols', sweeps.join('\n')) as SweepsFn;
    sweepsByFactors.set(factors, fn);
  }
  return fn;
}
