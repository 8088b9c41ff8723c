/**
 * The Lloyd kernel with one lower bound per centre (Elkan's bounds; row-bounds.ts with groups of one). With a
 * bound per centre a row computes only the centres its bounds do not exclude, which at k = 50 is about a third
 * of what groups of 4 compute (first 20,000 customers of the generated df_p). Those centres are scattered, so they
 * are gathered into batches of CENTRE_BATCH whose dot products share one pass over the row's entries (centres
 * chosen at run time, their sums in registers): one centre per pass would cost about as much as a group of four.
 * A pass without valid bounds is labelsFromDots: every distance, from the WebAssembly dot products (centre-dots.ts).
 *
 * The held centre's own slot in `lower` is kept at +Infinity (it bounds no other centre), so the loops over the
 * bounds need no test for it. Every distance is `xn - 2 * (a + b) + cNorms[c]` as in kernel-codegen.ts: the bits
 * of the plain pass.
 */
import { boundedRowHead, boundedRowTail, dotSource, heldDotJs, keptRowSource, range } from './kernel-templates.js';
import { MARGIN_FIXED, MARGIN_PER_ENTRY, type RowBounds } from './row-bounds.js';
import type { CsrMatrix } from '../matrix/csr.js';
import { TODO_BATCH } from './centre-dots.js';

/** Centres per batch of run-time chosen centres (their 2 x CENTRE_BATCH sums stay in registers). */
export const CENTRE_BATCH = 4;

/**
 * A batch's distances: each one's lower bound, and the row's best (first on ties, as a scan of every centre
 * gives). `centre(j)` is the expression of the batch's j-th centre.
 */
function compareSource(size: number, centre: (j: number) => string): string {
  return range(size)
    .map(
      (j) => `c = ${centre(j)}; d = xn - 2 * (aT${j} + bT${j}) + cNorms[c];
      lower[lo + c] = Math.sqrt(Math.max(0, d - margin));
      if (d < bestD || (d === bestD && c < best)) { best = c; bestD = d; }`,
    )
    .join('\n      ');
}

/** The centres todo[q ..) in batches: full ones, then one of the sizes 1 .. CENTRE_BATCH - 1 for the rest. */
function todoSource(k: number, binary: boolean): string {
  const batch = (size: number) => {
    const offsets = range(size).map((j) => `o${j}`);
    const load = offsets.map((o, j) => `const ${o} = todo[q + ${j}];`).join(' ');
    return `{
        ${load}
        ${dotSource(k, size, '0', binary, 'centersT', 'T', offsets)}
        let c = 0, d = 0;
        ${compareSource(size, (j) => `o${j}`)}
      }`;
  };
  const rest = range(CENTRE_BATCH - 1)
    .map((j) => `${j === 0 ? '' : 'else '}if (left === ${j + 1}) ${batch(j + 1)}`)
    .join('\n      ');
  return `
      let q = 0;
      for (; q + ${CENTRE_BATCH} <= nTodo; q += ${CENTRE_BATCH}) ${batch(CENTRE_BATCH)}
      const left = nTodo - q;
      ${rest}`;
}

/**
 * The same with the dots from WebAssembly (centre-dots.ts todoDots: the rows are resident there): the kernels take
 * the centres at todo[q ..) TODO_BATCH at a time, then every distance is compared in todo order, as above.
 */
function wasmTodoSource(): string {
  const call = (size: number) => `wk${size}(rowAt, wCol, wVal, wCtr, wTodo + q * 4, wOutAt + q * 8);`;
  const rest = range(TODO_BATCH - 1)
    .map((j) => `${j === 0 ? '' : 'else '}if (left === ${j + 1}) ${call(j + 1)}`)
    .join('\n      ');
  return `
      let q = 0;
      for (; q + ${TODO_BATCH} <= nTodo; q += ${TODO_BATCH}) ${call(TODO_BATCH)}
      const left = nTodo - q;
      ${rest}
      for (let t = 0; t < nTodo; t++) {
        const c = todo[t];
        const d = xn - 2 * wOut[t] + cNorms[c];
        lower[lo + c] = Math.sqrt(Math.max(0, d - margin));
        if (d < bestD || (d === bestD && c < best)) { best = c; bestD = d; }
      }`;
}

/** The held centre's dot (todo[0] is the held centre) into `dotH`. */
function heldDotSource(k: number, binary: boolean, wasm: boolean): string {
  return wasm ? 'wk1(rowAt, wCol, wVal, wCtr, wTodo, wOutAt); const dotH = wOut[0];' : heldDotJs(k, binary);
}

/**
 * The body of a LloydRowsFn (kernel-codegen.ts) for k > 1 centres with a lower bound each, for valid bounds only:
 * the pass that sets them is labelsFromDots. With `wasm` the dot products come from WebAssembly (the kernel's
 * todoDots argument; 1.5-1.8x the JavaScript gathers), else from the JavaScript loops: the same bits.
 */
export function perCentreSource(k: number, binary: boolean, int32: boolean, wasm: boolean): string {
  const shrink = 1 - 2 ** -50;
  const wasmSetup = wasm
    ? `
  const ${range(TODO_BATCH)
    .map((j) => `wk${j + 1} = todoDots.kernels[${j}]`)
    .join(', ')};
  const wRow = todoDots.rowAt, wFirst = todoDots.first, wCol = todoDots.colAt, wVal = todoDots.valAt;
  const wCtr = todoDots.centresAt, wTodo = todoDots.todoAt, wOutAt = todoDots.outAt, wOut = todoDots.out;
  const todo = todoDots.todo;`
    : `
  const todo = bounds.rowArg1;`;
  return `
  const held = bounds.held, upper = bounds.upper, lower = bounds.lower, base = bounds.base, shift = bounds.shift;${wasmSetup}
  const cnMax = bounds.cnMax, valid = bounds.valid;
  const withDist = minDist !== null;
  let inertia = 0;
  ${boundedRowHead(int32, k)}
      // moved bounds, rounded outwards so that they stay bounds however many passes they are carried; the
      // centres they do not exclude against the moved upper bound follow the held one in todo
      todo[0] = held_;
      let nTodo = 1;${wasm ? '\n      const rowAt = wRow + (i - wFirst) * 4;' : ''}
      const ubTest = ub * ub + 2 * margin;
      for (let c = 0; c < ${k}; c++) {
        const lb = (lower[lo + c] - shift[c]) * ${shrink};
        lower[lo + c] = lb;
        if (!(lb > 0 && ubTest < lb * lb)) todo[nTodo++] = c;
      }
      if (nTodo === 1) {
        // the row keeps its centre
        labels[i] = held_;
        ${keptRowSource(heldDotSource(k, binary, wasm))}
      }
      if (nTodo > ${CENTRE_BATCH}) {
        // many centres left: the held centre's distance first, a tighter bound than ub, then only the others it
        // does not exclude
        ${heldDotSource(k, binary, wasm)}
        const dHeld = xn - 2 * dotH + cNorms[held_];
        lower[lo + held_] = Math.sqrt(Math.max(0, dHeld - margin));
        best = held_;
        bestD = dHeld;
        let kept = 0;
        for (let t = 1; t < nTodo; t++) {
          const c = todo[t];
          const lb = lower[lo + c];
          if (!(lb > 0 && bestD + 3 * margin < lb * lb)) todo[kept++] = c;
        }
        nTodo = kept;
      }
      ${wasm ? wasmTodoSource() : todoSource(k, binary)}
      // the centre the row leaves keeps the bound just set; the one it joins (or keeps) bounds nothing
      lower[lo + best] = Infinity;
    }
    ${boundedRowTail}
  }
  return inertia;`;
}

/**
 * The per-centre kernel's pass without valid bounds: every distance of rows [r0, r1) from their dot products with
 * the centres (centre-dots.ts: row r0 + r's with centre c at dots[r * stride + c]), `xn - 2 * dot + cNorms[c]` as
 * the kernel computes it. Sets the rows' labels, distances (with minDist) and bounds exactly as the kernel's
 * templates do (boundedRowHead/Tail), and makes none valid: the caller does, after the last block. Returns the
 * rows' inertia.
 */
export function labelsFromDots(
  m: CsrMatrix,
  xNorms: Float64Array,
  cNorms: Float64Array,
  k: number,
  r0: number,
  r1: number,
  labels: Int32Array,
  minDist: Float64Array | null,
  bounds: RowBounds,
  dots: Float64Array,
  stride: number,
): number {
  const { rowPtr } = m;
  const { held, upper, lower, base, cnMax } = bounds;
  let inertia = 0;
  for (let i = r0, o = 0; i < r1; i++, o += stride) {
    const h = i - base;
    const lo = h * k;
    const xn = xNorms[i];
    const margin = (xn + cnMax) * (MARGIN_FIXED + (rowPtr[i + 1] - rowPtr[i]) * MARGIN_PER_ENTRY);
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const d = xn - 2 * dots[o + c] + cNorms[c];
      lower[lo + c] = Math.sqrt(Math.max(0, d - margin));
      if (d < bestD) {
        // ascending c: the first of equal minima
        best = c;
        bestD = d;
      }
    }
    lower[lo + best] = Infinity;
    held[h] = best;
    upper[h] = Math.sqrt(Math.max(0, bestD + margin));
    if (bestD < 0) bestD = 0;
    labels[i] = best;
    if (minDist !== null) minDist[i] = bestD;
    inertia += bestD;
  }
  return inertia;
}
