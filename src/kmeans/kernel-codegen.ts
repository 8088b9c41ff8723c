/**
 * Distance kernels specialised for the number of centres. A loop `for (c < k) dots[c] += v * centersT[base + c]`
 * keeps its k sums in memory and re-checks k per rating; with k fixed the sums live in registers and the inner loop
 * is straight-line code, about three times faster. The rows are also unrolled by two with two sets of sums, which
 * halves the add-latency chain per sum. So the kernels are generated once per (k, binary, offset type) from the
 * templates below and cached; past MAX_SPECIALISED centres the registers run out and generic-kernels.ts takes over.
 *
 * The arithmetic of each kernel is fixed by its key alone, so every runner (serial or any thread count) that uses
 * these functions gets the same bits.
 */
import type { CsrMatrix } from '../matrix/csr.js';
import { genericCandidates, genericLloyd } from './generic-kernels.js';
import { MARGIN_FIXED, MARGIN_PER_ENTRY, type RowBounds } from './row-bounds.js';

/**
 * Labels rows [r0, r1) with the nearest centre (first on ties); writes labels and minDist; returns their sum.
 * With `bounds` (k <= MAX_SPECIALISED) rows whose bounds prove their centre compute that one distance only, and
 * every row's bounds are refreshed; see row-bounds.ts. With `minDist` null nobody needs the distances: proven
 * rows then cost nothing but their bounds, and the return value is meaningless.
 */
export type LloydRowsFn = (
  rowPtr: Float64Array,
  colIdx: CsrMatrix['colIdx'],
  values: Float32Array | null,
  xNorms: Float64Array,
  centersT: Float64Array,
  cNorms: Float64Array,
  r0: number,
  r1: number,
  labels: Int32Array,
  minDist: Float64Array | null,
  bounds: RowBounds | null,
) => number;

/**
 * For k-means++: distances of rows [r0, r1) to t candidates, capped by `closest`, into out[c * n + i]; adds each
 * candidate's potential over these rows into potentials[c].
 */
export type CandidateRowsFn = (
  rowPtr: Float64Array,
  colIdx: CsrMatrix['colIdx'],
  values: Float32Array | null,
  xNorms: Float64Array,
  candT: Float64Array,
  candNorms: Float64Array,
  r0: number,
  r1: number,
  closest: Float64Array,
  out: Float64Array,
  n: number,
  potentials: Float64Array,
) => void;

/** Above this many centres the two sets of k sums no longer fit the 16 floating-point registers of x86-64. */
export const MAX_SPECIALISED = 12;

/**
 * Offsets below 2^31 can be int32 loop counters (`| 0`), 10-20% faster than counters that V8 keeps as doubles
 * because they come from a Float64Array. Larger matrices keep the double counters.
 */
export function offsetsFitInt32(m: CsrMatrix): boolean {
  return m.rowPtr[m.nRows] <= 0x7fffffff;
}

const range = (k: number) => Array.from({ length: k }, (_, c) => c);

/** The row's entries [start, end) (as loop counters). */
const rowSource = (int32: boolean) => `
    const start = rowPtr[i]${int32 ? ' | 0' : ''};
    const end = rowPtr[i + 1]${int32 ? ' | 0' : ''};`;

/**
 * The loop that leaves the dot product of row i with centre c of `w` in `(a<c> + b<c>)`, for each c in
 * `centres`: a<c> sums the even entries of the row and b<c> the odd ones. `c` may be an expression (one centre
 * chosen at run time): the operations for that centre are then exactly those of the all-centres loop.
 */
function dotSource(k: number, centres: readonly (number | string)[], binary: boolean, w: string, names: (c: number | string) => string): string {
  const term = (col: string, v: string, c: number | string) => (binary ? `${w}[${col} + ${c}]` : `${v} * ${w}[${col} + ${c}]`);
  const sums = centres.map((c) => `a${names(c)} = 0, b${names(c)} = 0`).join(', ');
  const even = centres.map((c) => `a${names(c)} += ${term('ca', 'va', c)};`).join(' ');
  const odd = centres.map((c) => `b${names(c)} += ${term('cb', 'vb', c)};`).join(' ');
  const load = (name: string, v: string, at: string) => `const ${name} = colIdx[${at}] * ${k};${binary ? '' : ` const ${v} = values[${at}];`}`;
  return `
    let ${sums};
    let p = start;
    for (; p + 1 < end; p += 2) {
      ${load('ca', 'va', 'p')} ${load('cb', 'vb', 'p + 1')}
      ${even}
      ${odd}
    }
    if (p < end) {
      ${load('ca', 'va', 'p')}
      ${even}
    }`;
}

const lloydCache = new Map<string, LloydRowsFn>();
const candidateCache = new Map<string, CandidateRowsFn>();

export function lloydRowsKernel(k: number, binary: boolean, int32: boolean): LloydRowsFn {
  const key = `${k}:${binary}:${int32}`;
  let fn = lloydCache.get(key);
  if (fn !== undefined) return fn;
  if (k > MAX_SPECIALISED) {
    fn = (rowPtr, colIdx, values, xNorms, centersT, cNorms, r0, r1, labels, minDist) =>
      genericLloyd(k, rowPtr, colIdx, values, xNorms, centersT, cNorms, r0, r1, labels, minDist);
  } else {
    fn = new Function('rowPtr', 'colIdx', 'values', 'xNorms', 'centersT', 'cNorms', 'r0', 'r1', 'labels', 'minDist', 'bounds', lloydSource(k, binary, int32)) as LloydRowsFn;
  }
  lloydCache.set(key, fn);
  return fn;
}

function lloydSource(k: number, binary: boolean, int32: boolean): string {
  const all = range(k);
  const norms = all.map((c) => `const n${c} = cNorms[${c}];`).join(' ');
  // best and runner-up: the runner-up only feeds the lower bound, the choice of best is the plain first-minimum
  const pick = all
    .slice(1)
    .map((c) => `d = xn - 2 * (a${c} + b${c}) + n${c}; if (d < bestD) { second = bestD; bestD = d; best = ${c}; } else if (d < second) second = d;`)
    .join('\n    ');
  return `
  ${norms}
  const held = bounds.held, upper = bounds.upper, lower = bounds.lower, base = bounds.base;
  const shift = bounds.shift, otherShift = bounds.otherShift, cnMax = bounds.cnMax, valid = bounds.valid;
  const withDist = minDist !== null;
  let inertia = 0;
  for (let i = r0; i < r1; i++) {
    ${rowSource(int32)}
    const h = i - base;
    const xn = xNorms[i];
    const margin = (xn + cnMax) * (${MARGIN_FIXED} + (end - start) * ${MARGIN_PER_ENTRY});
    if (valid) {
      const held_ = held[h];
      const ub = upper[h] + shift[held_];
      const lb = lower[h] - otherShift[held_];
      if (lb > 0 && ub * ub + 2 * margin < lb * lb) {
        // the row keeps its centre
        labels[i] = held_;
        // moved bounds are rounded outwards, so that they stay bounds however many passes they are carried
        lower[h] = lb * ${1 - 2 ** -50};
        if (!withDist) {
          upper[h] = ub * ${1 + 2 ** -50};
          continue;
        }
        // that one distance, by the same operations as below: a fresh, tight upper bound too
        ${dotSource(k, ['held_'], binary, 'centersT', () => 'H')}
        let d = xn - 2 * (aH + bH) + cNorms[held_];
        upper[h] = Math.sqrt(Math.max(0, d + margin));
        if (d < 0) d = 0;
        minDist[i] = d;
        inertia += d;
        continue;
      }
    }
    ${dotSource(k, all, binary, 'centersT', (c) => String(c))}
    let best = 0;
    let bestD = xn - 2 * (a0 + b0) + n0;
    let second = Infinity;
    let d = 0;
    ${pick}
    held[h] = best;
    upper[h] = Math.sqrt(Math.max(0, bestD + margin));
    lower[h] = Math.sqrt(Math.max(0, second - margin));
    if (bestD < 0) bestD = 0; // rounding of |x|^2 - 2x.c + |c|^2 when x is (almost) its centre
    labels[i] = best;
    if (withDist) minDist[i] = bestD;
    inertia += bestD;
  }
  return inertia;`;
}

export function candidateRowsKernel(t: number, binary: boolean, int32: boolean): CandidateRowsFn {
  const key = `${t}:${binary}:${int32}`;
  let fn = candidateCache.get(key);
  if (fn !== undefined) return fn;
  if (t > MAX_SPECIALISED) {
    fn = (...args) => genericCandidates(t, ...args);
  } else {
    fn = new Function('rowPtr', 'colIdx', 'values', 'xNorms', 'candT', 'candNorms', 'r0', 'r1', 'closest', 'out', 'n', 'potentials', candidateSource(t, binary, int32)) as CandidateRowsFn;
  }
  candidateCache.set(key, fn);
  return fn;
}

function candidateSource(t: number, binary: boolean, int32: boolean): string {
  const all = range(t);
  const init = all.map((c) => `const n${c} = candNorms[${c}]; let pot${c} = 0;`).join(' ');
  const each = all
    .map((c) => `d = xn - 2 * (a${c} + b${c}) + n${c}; if (d < 0) d = 0; if (d > cur) d = cur; out[${c} * n + i] = d; pot${c} += d;`)
    .join('\n    ');
  const store = all.map((c) => `potentials[${c}] += pot${c};`).join(' ');
  return `
  ${init}
  for (let i = r0; i < r1; i++) {
    ${rowSource(int32)}
    ${dotSource(t, all, binary, 'candT', (c) => String(c))}
    const xn = xNorms[i];
    const cur = closest[i];
    let d = 0;
    ${each}
  }
  ${store}`;
}
