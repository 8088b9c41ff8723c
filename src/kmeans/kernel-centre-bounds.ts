/**
 * The Lloyd kernel with one lower bound per centre (Elkan's bounds; row-bounds.ts with groups of one). With a
 * bound per centre a row computes only the centres its bounds do not exclude, which at k = 50 is about a third
 * of what groups of 4 compute (first 20,000 customers of the generated df_p). Those centres are scattered, so they
 * are gathered into batches of CENTRE_BATCH whose dot products share one pass over the row's entries (centres
 * chosen at run time, their sums in registers): one centre per pass would cost about as much as a group of four.
 * A pass without valid bounds computes every centre, in batches of consecutive centres.
 *
 * The held centre's own slot in `lower` is kept at +Infinity (it bounds no other centre), so the loops over the
 * bounds need no test for it. Every distance is `xn - 2 * (a + b) + cNorms[c]` as in kernel-codegen.ts: the bits
 * of the plain pass.
 */
import { boundedRowHead, boundedRowTail, dotSource, keptRowSource, range } from './kernel-templates.js';

/** Centres per batch of run-time chosen centres (their 2 x CENTRE_BATCH sums stay in registers). */
export const CENTRE_BATCH = 4;
/** Consecutive centres per batch when every centre is computed. */
export const FULL_BATCH = 4;

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

/** Every centre, FULL_BATCH consecutive ones per pass over the row (a loop: the kernel's size stays bounded). */
function allCentresSource(k: number, binary: boolean): string {
  const full = Math.floor(k / FULL_BATCH) * FULL_BATCH;
  const batch = (size: number, first: string) => `{
      const c0 = ${first};
      ${dotSource(k, size, 'c0', binary, 'centersT', 'T')}
      let c = 0, d = 0;
      ${compareSource(size, (j) => (j === 0 ? 'c0' : `c0 + ${j}`))}
    }`;
  const loop = full > 0 ? `for (let g = 0; g < ${full}; g += ${FULL_BATCH}) ${batch(FULL_BATCH, 'g')}` : '';
  return full === k ? loop : `${loop}\n    ${batch(k - full, String(full))}`;
}

/** The body of a LloydRowsFn (kernel-codegen.ts) for k > 1 centres with a lower bound each. */
export function perCentreSource(k: number, binary: boolean, int32: boolean): string {
  const shrink = 1 - 2 ** -50;
  return `
  const held = bounds.held, upper = bounds.upper, lower = bounds.lower, base = bounds.base, shift = bounds.shift;
  const todo = bounds.rowArg1;
  const cnMax = bounds.cnMax, valid = bounds.valid;
  const withDist = minDist !== null;
  let inertia = 0;
  ${boundedRowHead(int32, k)}
      // moved bounds, rounded outwards so that they stay bounds however many passes they are carried; the
      // centres they do not exclude against the moved upper bound follow the held one in todo
      todo[0] = held_;
      let nTodo = 1;
      const ubTest = ub * ub + 2 * margin;
      for (let c = 0; c < ${k}; c++) {
        const lb = (lower[lo + c] - shift[c]) * ${shrink};
        lower[lo + c] = lb;
        if (!(lb > 0 && ubTest < lb * lb)) todo[nTodo++] = c;
      }
      if (nTodo === 1) {
        // the row keeps its centre
        labels[i] = held_;
        ${keptRowSource(k, binary)}
      }
      if (nTodo > ${CENTRE_BATCH}) {
        // many centres left: the held centre's distance first, a tighter bound than ub, then only the others it
        // does not exclude
        ${dotSource(k, 1, 'held_', binary, 'centersT', 'H')}
        const dHeld = xn - 2 * (aH0 + bH0) + cNorms[held_];
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
      ${todoSource(k, binary)}
      // the centre the row leaves keeps the bound just set; the one it joins (or keeps) bounds nothing
      lower[lo + best] = Infinity;
    } else {
      ${allCentresSource(k, binary)}
      lower[lo + best] = Infinity;
    }
    ${boundedRowTail}
  }
  return inertia;`;
}
