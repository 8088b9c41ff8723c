/**
 * Distance kernels generated for the number of centres. A loop `for (c < k) dots[c] += v * centersT[base + c]`
 * keeps its k sums in memory and re-checks k per rating; with the centres of a group fixed in the code the sums
 * live in registers and the inner loop is straight-line code, about three times faster. The rows are also
 * unrolled by two with two sets of sums, which halves the add-latency chain per sum. So the kernels are generated
 * once per (k, group size, binary, offset type) from the templates below and cached. A group's centres are
 * unrolled; the groups are a loop, so any k gets a kernel of bounded size that keeps per-row bounds (row-bounds.ts).
 * Groups of one (a bound per centre, the default for k >= 2) have their own kernel, kernel-centre-bounds.ts.
 *
 * The distance to centre c is always `xn - 2 * (a + b) + cNorms[c]`, with a summing the row's even entries and b
 * its odd ones, in order: the same operations whatever the group, the bounds or the runner, so every runner
 * (serial or any thread count) gets the same bits, and the bits of the plain pass that computes every distance.
 */
import type { CsrMatrix } from '../matrix/csr.js';
import { perCentreSource } from './kernel-centre-bounds.js';
import {
  boundedRowHead,
  boundedRowTail,
  dotSource,
  heldDotJs,
  keptRowSource,
  range,
  rowSource,
} from './kernel-templates.js';
import type { RowBounds } from './row-bounds.js';
import type { TodoDots } from './centre-dots.js';

/**
 * Labels rows [r0, r1) with the nearest centre (first on ties); writes labels and minDist; returns their sum.
 * Bounds not yet valid: every distance is computed and the bounds are set. Valid bounds: only the groups the
 * bounds do not exclude are computed (a row every group excludes computes its own centre's distance only) and
 * the bounds are refreshed. With `minDist` null nobody needs the distances: a row every group excludes then costs
 * nothing but its bounds, and the return value is meaningless.
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
  bounds: RowBounds,
  todoDots: TodoDots | null,
) => number;

/**
 * For k-means++: distances of rows [r0, r1) to t candidates, capped by `closest`, into out[c * n + i]; adds each
 * candidate's potential over these rows into potentials[c] (zeroed by the caller).
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

/** The most candidates unrolled together: above this the two sets of sums no longer fit the 16 x86-64 float registers. */
const MAX_UNROLLED = 12;

/**
 * Offsets below 2^31 can be int32 loop counters (`| 0`), 10-20% faster than counters that V8 keeps as doubles
 * because they come from a Float64Array. Larger matrices keep the double counters.
 */
export function offsetsFitInt32(m: CsrMatrix): boolean {
  return m.rowPtr[m.nRows] <= 0x7fffffff;
}

const lloydCache = new Map<string, LloydRowsFn>();
const candidateCache = new Map<string, CandidateRowsFn>();

/**
 * Whether k centres in groups of `groupSize` get the per-centre kernel, whose passes without valid bounds are
 * labelsFromDots (the grouped kernels compute every distance themselves).
 */
export function takesDots(k: number, groupSize: number): boolean {
  return k > 1 && Math.min(k, groupSize) === 1;
}

/**
 * The kernel for k centres in groups of `groupSize` (see groupSizeFor). With `wasm`, the per-centre kernel takes its
 * dot products from its todoDots argument (centre-dots.ts); the others ignore both.
 */
export function lloydRowsKernel(
  k: number,
  groupSize: number,
  binary: boolean,
  int32: boolean,
  wasm = false,
): LloydRowsFn {
  const useWasm = wasm && takesDots(k, groupSize);
  const key = `${k}:${groupSize}:${binary}:${int32}:${useWasm}`;
  let fn = lloydCache.get(key);
  if (fn === undefined) {
    const size = Math.min(k, groupSize);
    const source = takesDots(k, groupSize)
      ? perCentreSource(k, binary, int32, useWasm)
      : lloydSource(k, size, binary, int32);
    fn = new Function(
      'rowPtr',
      'colIdx',
      'values',
      'xNorms',
      'centersT',
      'cNorms',
      'r0',
      'r1',
      'labels',
      'minDist',
      'bounds',
      'todoDots',
      source,
    ) as LloydRowsFn;
    lloydCache.set(key, fn);
  }
  return fn;
}

/**
 * One group's distances: its `size` centres from `g0` on, each compared with the group's nearest and second
 * (for its lower bound) and with the row's best so far (first on ties, as a plain scan of every centre gives).
 */
function groupSource(k: number, size: number, first: string, binary: boolean): string {
  const compare = range(size)
    .map(
      (j) => `c = g0 + ${j}; d = xn - 2 * (aG${j} + bG${j}) + cNorms[c];
      if (d < m1) { m2 = m1; m1 = d; a1 = c; } else if (d < m2) m2 = d;
      if (d < bestD || (d === bestD && c < best)) { best = c; bestD = d; }`,
    )
    .join('\n      ');
  return `{
      const g0 = ${first};
      ${dotSource(k, size, 'g0', binary, 'centersT', 'G')}
      let m1 = Infinity, m2 = Infinity, a1 = 0, c = 0, d = 0;
      ${compare}
      rowMin1[g] = m1; rowArg1[g] = a1; rowMin2[g] = m2;
    }`;
}

/**
 * Every group in turn; with `skip`, a group whose moved lower bound exceeds the best distance so far (with the
 * rounding margin) is skipped and marked (rowArg1 = -1).
 */
function groupsLoop(k: number, size: number, binary: boolean, skip: boolean): string {
  const full = Math.floor(k / size);
  const rest = k - full * size;
  const skipTest = `rowLower[g] > 0 && bestD + 3 * margin < rowLower[g] * rowLower[g]`;
  const loop = `for (let g = 0; g < ${full}; g++) {
      ${skip ? `if (${skipTest}) { rowArg1[g] = -1; continue; }` : ''}
      ${groupSource(k, size, size === k ? '0' : `g * ${size}`, binary)}
    }`;
  if (rest === 0) return loop;
  return `${loop}
    {
      const g = ${full};
      if (${skip ? skipTest : 'false'}) rowArg1[g] = -1;
      else ${groupSource(k, rest, String(full * size), binary)}
    }`;
}

function lloydSource(k: number, size: number, binary: boolean, int32: boolean): string {
  const groups = Math.ceil(k / size);
  const shrink = 1 - 2 ** -50;
  // a group's lower bound from its nearest and second: the best centre itself does not count
  const lowerFromGroup = `Math.sqrt(Math.max(0, (rowArg1[g] === best ? rowMin2[g] : rowMin1[g]) - margin))`;
  return `
  const held = bounds.held, upper = bounds.upper, lower = bounds.lower, base = bounds.base;
  const shift = bounds.shift, groupShift = bounds.groupShift, groupShiftCentre = bounds.groupShiftCentre, groupShiftSecond = bounds.groupShiftSecond;
  const rowLower = bounds.rowLower, rowMin1 = bounds.rowMin1, rowArg1 = bounds.rowArg1, rowMin2 = bounds.rowMin2;
  const cnMax = bounds.cnMax, valid = bounds.valid;
  const withDist = minDist !== null;
  let inertia = 0;
  ${boundedRowHead(int32, groups)}
      let lbMin = Infinity;
      for (let g = 0; g < ${groups}; g++) {
        // the held centre is not among the centres lower[g] bounds: its group's own largest shift leaves it out
        const lb = lower[lo + g] - (groupShiftCentre[g] === held_ ? groupShiftSecond[g] : groupShift[g]);
        rowLower[g] = lb;
        if (lb < lbMin) lbMin = lb;
      }
      if (lbMin > 0 && ub * ub + 2 * margin < lbMin * lbMin) {
        // the row keeps its centre; moved bounds are rounded outwards, so that they stay bounds however many
        // passes they are carried
        labels[i] = held_;
        for (let g = 0; g < ${groups}; g++) lower[lo + g] = rowLower[g] * ${shrink};
        ${keptRowSource(heldDotJs(k, binary))}
      }
      // some group may hold a nearer centre: the held centre's distance first, then the groups not excluded
      ${dotSource(k, 1, 'held_', binary, 'centersT', 'H')}
      const dHeld = xn - 2 * (aH0 + bH0) + cNorms[held_];
      best = held_;
      bestD = dHeld;
      ${groupsLoop(k, size, binary, true)}
      const heldGroup = (held_ / ${size}) | 0;
      for (let g = 0; g < ${groups}; g++) {
        if (rowArg1[g] >= 0) {
          lower[lo + g] = ${lowerFromGroup};
          continue;
        }
        let lb = rowLower[g] * ${shrink};
        if (g === heldGroup && best !== held_) {
          // the centre the row leaves joins its group's others
          const left = Math.sqrt(Math.max(0, dHeld - margin));
          if (left < lb) lb = left;
        }
        lower[lo + g] = lb;
      }
    } else {
      ${groupsLoop(k, size, binary, false)}
      for (let g = 0; g < ${groups}; g++) lower[lo + g] = ${lowerFromGroup};
    }
    ${boundedRowTail}
  }
  return inertia;`;
}

/**
 * The k-means++ candidate pass for few candidates (below BIND_FROM_CANDIDATES, block-engine.ts), in JavaScript: the
 * WebAssembly kernel (centre-dots.ts) needs its rows in its own memory, and copying them in per pass costs more
 * than 3 candidates' products save. The same operations as cappedDistances over CentreDots: the same bits.
 */
export function candidateRowsKernel(t: number, binary: boolean, int32: boolean): CandidateRowsFn {
  const key = `${t}:${binary}:${int32}`;
  let fn = candidateCache.get(key);
  if (fn === undefined) {
    fn = new Function(
      'rowPtr',
      'colIdx',
      'values',
      'xNorms',
      'candT',
      'candNorms',
      'r0',
      'r1',
      'closest',
      'out',
      'n',
      'potentials',
      candidateSource(t, binary, int32),
    ) as CandidateRowsFn;
    candidateCache.set(key, fn);
  }
  return fn;
}

/** Candidates in groups of at most MAX_UNROLLED, each group's potentials added straight into `potentials`. */
function candidateSource(t: number, binary: boolean, int32: boolean): string {
  const groups: string[] = [];
  for (let c0 = 0; c0 < t; c0 += MAX_UNROLLED) {
    const size = Math.min(MAX_UNROLLED, t - c0);
    const each = range(size)
      .map(
        (j) =>
          `d = xn - 2 * (aC${j} + bC${j}) + candNorms[${c0 + j}]; if (d < 0) d = 0; if (d > cur) d = cur; out[${c0 + j} * n + i] = d; potentials[${c0 + j}] += d;`,
      )
      .join('\n      ');
    groups.push(`{
      ${dotSource(t, size, String(c0), binary, 'candT', 'C')}
      let d = 0;
      ${each}
    }`);
  }
  return `
  for (let i = r0; i < r1; i++) {
    ${rowSource(int32)}
    const xn = xNorms[i];
    const cur = closest[i];
    ${groups.join('\n    ')}
  }`;
}
