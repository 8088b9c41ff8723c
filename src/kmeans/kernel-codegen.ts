/**
 * Distance kernels specialised for the number of centres. A loop `for (c < k) dots[c] += v * centersT[base + c]`
 * keeps its k sums in memory and re-checks k per rating; with k fixed the sums live in registers and the inner loop
 * is straight-line code, about three times faster. The rows are also unrolled by two with two sets of sums, which
 * halves the add-latency chain per sum. So the kernels are generated once per (k, binary) from the templates below
 * and cached; past MAX_SPECIALISED centres the registers run out and a plain loop is as fast.
 *
 * The arithmetic of each kernel is fixed by (k, binary) alone, so every runner (serial or any thread count) that
 * uses these functions gets the same bits.
 */
import type { CsrMatrix } from '../matrix/csr.js';

/** Labels rows [r0, r1) with the nearest centre (first on ties); writes labels and minDist; returns their sum. */
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
  minDist: Float64Array,
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

const range = (k: number) => Array.from({ length: k }, (_, c) => c);

/**
 * The loop that leaves the dot product of row i with centre c in `(a<c> + b<c>)`: a<c> sums the even entries of
 * the row and b<c> the odd ones. `w` is the name of the centres array.
 */
function dotSource(k: number, binary: boolean, w: string, int32: boolean): string {
  const term = (col: string, v: string, c: number) => (binary ? `${w}[${col} + ${c}]` : `${v} * ${w}[${col} + ${c}]`);
  const sums = range(k).map((c) => `a${c} = 0, b${c} = 0`).join(', ');
  const even = range(k).map((c) => `a${c} += ${term('ca', 'va', c)};`).join(' ');
  const odd = range(k).map((c) => `b${c} += ${term('cb', 'vb', c)};`).join(' ');
  const load = (name: string, v: string, at: string) =>
    `const ${name} = colIdx[${at}] * ${k};${binary ? '' : ` const ${v} = values[${at}];`}`;
  return `
    const start = rowPtr[i]${int32 ? ' | 0' : ''};
    const end = rowPtr[i + 1]${int32 ? ' | 0' : ''};
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

/**
 * Offsets below 2^31 can be int32 loop counters (`| 0`), 10-20% faster than counters that V8 keeps as doubles
 * because they come from a Float64Array. Larger matrices keep the double counters.
 */
export function offsetsFitInt32(m: CsrMatrix): boolean {
  return m.rowPtr[m.nRows] <= 0x7fffffff;
}

export function lloydRowsKernel(k: number, binary: boolean, int32: boolean): LloydRowsFn {
  const key = `${k}:${binary}:${int32}`;
  let fn = lloydCache.get(key);
  if (fn === undefined && k > MAX_SPECIALISED) {
    fn = (...args) => genericLloyd(k, ...args);
    lloydCache.set(key, fn);
  } else if (fn === undefined) {
    const norms = range(k).map((c) => `const n${c} = cNorms[${c}];`).join(' ');
    const pick = range(k)
      .slice(1)
      .map((c) => `d = xn - 2 * (a${c} + b${c}) + n${c}; if (d < bestD) { bestD = d; best = ${c}; }`)
      .join('\n      ');
    const body = `
  ${norms}
  let inertia = 0;
  for (let i = r0; i < r1; i++) {
    ${dotSource(k, binary, 'centersT', int32)}
    const xn = xNorms[i];
    let best = 0;
    let bestD = xn - 2 * (a0 + b0) + n0;
    let d = 0;
      ${pick}
    if (bestD < 0) bestD = 0;
    labels[i] = best;
    minDist[i] = bestD;
    inertia += bestD;
  }
  return inertia;`;
    fn = new Function('rowPtr', 'colIdx', 'values', 'xNorms', 'centersT', 'cNorms', 'r0', 'r1', 'labels', 'minDist', body) as LloydRowsFn;
    lloydCache.set(key, fn);
  }
  return fn;
}

export function candidateRowsKernel(t: number, binary: boolean, int32: boolean): CandidateRowsFn {
  const key = `${t}:${binary}:${int32}`;
  let fn = candidateCache.get(key);
  if (fn === undefined && t > MAX_SPECIALISED) {
    fn = (...args) => genericCandidates(t, ...args);
    candidateCache.set(key, fn);
  } else if (fn === undefined) {
    const init = range(t).map((c) => `const n${c} = candNorms[${c}]; let pot${c} = 0;`).join(' ');
    const each = range(t)
      .map(
        (c) => `d = xn - 2 * (a${c} + b${c}) + n${c}; if (d < 0) d = 0; if (d > cur) d = cur; out[${c} * n + i] = d; pot${c} += d;`,
      )
      .join('\n    ');
    const store = range(t).map((c) => `potentials[${c}] += pot${c};`).join(' ');
    const body = `
  ${init}
  for (let i = r0; i < r1; i++) {
    ${dotSource(t, binary, 'candT', int32)}
    const xn = xNorms[i];
    const cur = closest[i];
    let d = 0;
    ${each}
  }
  ${store}`;
    fn = new Function('rowPtr', 'colIdx', 'values', 'xNorms', 'candT', 'candNorms', 'r0', 'r1', 'closest', 'out', 'n', 'potentials', body) as CandidateRowsFn;
    candidateCache.set(key, fn);
  }
  return fn;
}

/** Many centres: one sum per centre in a scratch array, entries in order. */
function genericLloyd(
  k: number,
  rowPtr: Float64Array,
  colIdx: CsrMatrix['colIdx'],
  values: Float32Array | null,
  xNorms: Float64Array,
  centersT: Float64Array,
  cNorms: Float64Array,
  r0: number,
  r1: number,
  labels: Int32Array,
  minDist: Float64Array,
): number {
  const dots = scratch(k);
  let inertia = 0;
  for (let i = r0; i < r1; i++) {
    genericDots(rowPtr, colIdx, values, centersT, k, i, dots);
    const xn = xNorms[i];
    let best = 0;
    let bestD = xn - 2 * dots[0] + cNorms[0];
    for (let c = 1; c < k; c++) {
      const d = xn - 2 * dots[c] + cNorms[c];
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    if (bestD < 0) bestD = 0;
    labels[i] = best;
    minDist[i] = bestD;
    inertia += bestD;
  }
  return inertia;
}

function genericCandidates(
  t: number,
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
): void {
  const dots = scratch(t);
  for (let i = r0; i < r1; i++) {
    genericDots(rowPtr, colIdx, values, candT, t, i, dots);
    const xn = xNorms[i];
    const cur = closest[i];
    for (let c = 0; c < t; c++) {
      let d = xn - 2 * dots[c] + candNorms[c];
      if (d < 0) d = 0;
      if (d > cur) d = cur;
      out[c * n + i] = d;
      potentials[c] += d;
    }
  }
}

let dotsScratch = new Float64Array(MAX_SPECIALISED * 2);

/** The generic kernels' per-row sums, reused across calls (a thread runs one kernel at a time). */
function scratch(k: number): Float64Array {
  if (dotsScratch.length < k) dotsScratch = new Float64Array(k);
  return dotsScratch.subarray(0, k);
}

function genericDots(
  rowPtr: Float64Array,
  colIdx: CsrMatrix['colIdx'],
  values: Float32Array | null,
  w: Float64Array,
  k: number,
  i: number,
  dots: Float64Array,
): void {
  dots.fill(0);
  const end = rowPtr[i + 1];
  for (let p = rowPtr[i]; p < end; p++) {
    const base = colIdx[p] * k;
    const v = values === null ? 1 : values[p];
    for (let c = 0; c < k; c++) dots[c] += v * w[base + c];
  }
}
