import type { CsrMatrix } from '../matrix/csr.js';
import type { Rng } from '../util/random.js';
import { assertUnreachable } from '../util/errors.js';
import { centerSquaredNorms } from '../matrix/norms.js';
import { CentreDots } from './centre-dots.js';
import { scatterRowIntoCenter } from './kernels.js';
import type { PassRunner } from './passes/work.js';

export type InitMethod = 'k-means++' | 'random';
export const initMethods: readonly InitMethod[] = ['k-means++', 'random'];

/**
 * Initial centres, transposed (`[col * k + c]`), chosen from the rows of `m`. k-means++ also fills `nearest`, when
 * given, with each row's nearest centre (see kmeansPlusPlus); the other methods leave it alone.
 */
export async function initialCenters(
  m: CsrMatrix,
  k: number,
  method: InitMethod,
  rng: Rng,
  runner: PassRunner,
  nearest: Int32Array | null = null,
): Promise<Float64Array> {
  switch (method) {
    case 'k-means++':
      return kmeansPlusPlus(m, k, rng, runner, nearest);
    case 'random':
      return randomRows(m, k, rng);
    default:
      return assertUnreachable(method);
  }
}

/** k distinct rows drawn uniformly, in the order drawn. */
export function randomRows(m: CsrMatrix, k: number, rng: Rng): Float64Array {
  const centersT = new Float64Array(m.nCols * k);
  const chosen = new Set<number>();
  while (chosen.size < k) {
    const r = rng.int(m.nRows);
    if (chosen.has(r)) continue;
    scatterRowIntoCenter(m, r, centersT, k, chosen.size);
    chosen.add(r);
  }
  return centersT;
}

/**
 * Greedy k-means++ as scikit-learn does it: after a uniform first centre, each new centre is the best (lowest
 * resulting potential) of 2 + floor(ln k) candidates sampled with probability proportional to D(x)^2. All the
 * candidates of a round are scored in one pass over the matrix.
 *
 * With `nearest`, each row's nearest centre (the lower index on ties) goes there: the labels the first Lloyd pass
 * would give, bit for bit, so that pass needs no distances (see `nearestCentres`).
 */
export async function kmeansPlusPlus(
  m: CsrMatrix,
  k: number,
  rng: Rng,
  runner: PassRunner,
  nearest: Int32Array | null = null,
): Promise<Float64Array> {
  const n = m.nRows;
  const nCols = m.nCols;
  const centersT = new Float64Array(nCols * k);
  const first = rng.int(n);
  scatterRowIntoCenter(m, first, centersT, k, 0);

  const firstT = new Float64Array(nCols);
  scatterRowIntoCenter(m, first, firstT, 1, 0);
  const closest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const nTrials = 2 + Math.floor(Math.log(k));
  const dist = new Float64Array(n * Math.max(1, nTrials));
  let pot = (
    await runner.candidatePass({ candT: firstT, candNorms: centerSquaredNorms(firstT, 1), t: 1, closest, out: dist })
  )[0];
  closest.set(dist.subarray(0, n));
  nearest?.fill(0);

  const cumulative = new Float64Array(n);
  const candT = new Float64Array(nCols * nTrials);
  const candidates = new Int32Array(nTrials);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i];
      cumulative[i] = acc;
    }
    candT.fill(0);
    for (let t = 0; t < nTrials; t++) {
      const row = Math.min(searchSorted(cumulative, rng.next() * pot), n - 1);
      candidates[t] = row;
      scatterRowIntoCenter(m, row, candT, nTrials, t);
    }
    const pots = await runner.candidatePass({
      candT,
      candNorms: centerSquaredNorms(candT, nTrials),
      t: nTrials,
      closest,
      out: dist,
    });
    let best = 0;
    for (let t = 1; t < nTrials; t++) if (pots[t] < pots[best]) best = t;
    pot = pots[best];
    const chosen = dist.subarray(best * n, (best + 1) * n);
    if (nearest !== null) for (let i = 0; i < n; i++) if (chosen[i] < closest[i]) nearest[i] = c;
    closest.set(chosen);
    scatterRowIntoCenter(m, candidates[best], centersT, k, c);
  }
  if (nearest !== null) nearestCentres(m, runner.rowNorms(), centersT, k, closest, nearest);
  return centersT;
}

/**
 * The candidate pass computes each distance as the Lloyd passes do (`xn - 2 * dot + norm`, the dot products of
 * centre-dots.ts, the same centre norms), then clamps it at 0 and caps it by the row's closest so far; `nearest`
 * took a centre only when it came strictly closer, i.e. the first of the equal minima, as Lloyd's scan of every
 * centre does. So wherever the row's closest is positive no distance was clamped and `nearest` is Lloyd's label.
 * A closest of 0 (the rows chosen as centres, or a rounding below 0) may hide a clamp: those few rows get every
 * distance again, unclamped.
 */
function nearestCentres(
  m: CsrMatrix,
  xNorms: Float64Array,
  centersT: Float64Array,
  k: number,
  closest: Float64Array,
  nearest: Int32Array,
): void {
  let count = 0;
  for (let i = 0; i < m.nRows; i++) if (!(closest[i] > 0)) count++;
  const rows = new Int32Array(count);
  for (let i = 0, r = 0; i < m.nRows; i++) if (!(closest[i] > 0)) rows[r++] = i;
  const cNorms = centerSquaredNorms(centersT, k);
  const dots = new CentreDots();
  dots.setCentres(m, centersT, k);
  const rowDots = dots.listDots(m, rows);
  for (let r = 0, o = 0; r < count; r++, o += dots.stride) {
    const i = rows[r];
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const d = xNorms[i] - 2 * rowDots[o + c] + cNorms[c];
      if (d < bestD) {
        best = c;
        bestD = d;
      }
    }
    nearest[i] = best;
  }
}

/** The first index i with sorted[i] >= value (numpy's searchsorted, side='left'). */
export function searchSorted(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
