/**
 * The pieces of source the generated k-means kernels are made of (kernel-codegen.ts, kernel-centre-bounds.ts,
 * exact-sums.ts): the loop over one row's entries and the dot products of a row with a few centres.
 */
import { MARGIN_FIXED, MARGIN_PER_ENTRY } from './row-bounds.js';

export const range = (k: number) => Array.from({ length: k }, (_, c) => c);

/** The row's entries [start, end) (as loop counters). */
export const rowSource = (int32: boolean) => `
    const start = rowPtr[i]${int32 ? ' | 0' : ''};
    const end = rowPtr[i + 1]${int32 ? ' | 0' : ''};`;

/**
 * The head of a bounded kernel's row loop (kernel-codegen.ts, kernel-centre-bounds.ts): the row's entries, its
 * `perRow` lower bounds from lower[lo], its rounding margin, and, when the bounds are valid, its held centre and
 * moved upper bound `ub`. The caller continues inside `if (valid) {`.
 */
export const boundedRowHead = (int32: boolean, perRow: number) => `
  for (let i = r0; i < r1; i++) {
    ${rowSource(int32)}
    const h = i - base;
    const lo = h * ${perRow};
    const xn = xNorms[i];
    const margin = (xn + cnMax) * (${MARGIN_FIXED} + (end - start) * ${MARGIN_PER_ENTRY});
    let best = 0;
    let bestD = Infinity;
    if (valid) {
      const held_ = held[h];
      const ub = upper[h] + shift[held_];`;

/** The end of a bounded kernel's row (best, bestD found): its new held centre, upper bound, label and distance. */
export const boundedRowTail = `
    held[h] = best;
    upper[h] = Math.sqrt(Math.max(0, bestD + margin));
    if (bestD < 0) bestD = 0; // rounding of |x|^2 - 2x.c + |c|^2 when x is (almost) its centre
    labels[i] = best;
    if (withDist) minDist[i] = bestD;
    inertia += bestD;`;

/**
 * The end of a row the bounds keep on its held centre: without distances wanted, the moved upper bound rounded
 * outwards; with them, that one distance (by the same operations as the full pass: `heldDot` leaves the dot in
 * dotH), which is also a fresh, tight upper bound. Ends with `continue`.
 */
export const keptRowSource = (heldDot: string) => `
        if (!withDist) {
          upper[h] = ub * ${1 + 2 ** -50};
          continue;
        }
        ${heldDot}
        let d = xn - 2 * dotH + cNorms[held_];
        upper[h] = Math.sqrt(Math.max(0, d + margin));
        if (d < 0) d = 0;
        minDist[i] = d;
        inertia += d;
        continue;`;

/** The JavaScript dot of the row with its held centre, into dotH (for keptRowSource). */
export const heldDotJs = (k: number, binary: boolean) =>
  `${dotSource(k, 1, 'held_', binary, 'centersT', 'H')} const dotH = aH0 + bH0;`;

/**
 * The loop that leaves the dot product of row i with centre `offset + j` of `w` in `(a<j> + b<j>)`, for j in
 * [0, size): a<j> sums the even entries of the row and b<j> the odd ones. `offset` is an expression (a group's
 * first centre, or one centre chosen at run time). With `offsets` (one expression per j, centres chosen at run
 * time) centre j is `offsets[j]` instead, and `offset` is added to none of them.
 */
export function dotSource(
  k: number,
  size: number,
  offset: string,
  binary: boolean,
  w: string,
  tag: string,
  offsets: readonly string[] | null = null,
): string {
  const js = range(size);
  const slot = (j: number) => (offsets !== null ? ` + ${offsets[j]}` : j === 0 ? '' : ` + ${j}`);
  const at = (col: string, j: number) => `${w}[${col}${slot(j)}]`;
  const term = (col: string, v: string, j: number) => (binary ? at(col, j) : `${v} * ${at(col, j)}`);
  const sums = js.map((j) => `a${tag}${j} = 0, b${tag}${j} = 0`).join(', ');
  const even = js.map((j) => `a${tag}${j} += ${term('ca', 'va', j)};`).join(' ');
  const odd = js.map((j) => `b${tag}${j} += ${term('cb', 'vb', j)};`).join(' ');
  const first = offsets !== null ? '' : ` + ${offset}`;
  const load = (name: string, v: string, p: string) =>
    `const ${name} = colIdx[${p}] * ${k}${first};${binary ? '' : ` const ${v} = values[${p}];`}`;
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
