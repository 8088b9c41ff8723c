/**
 * Per-row bounds, kept so that a Lloyd pass can skip the distances that cannot win: Hamerly's bounds when the
 * centres form one group, Yinyang's grouped bounds (Ding et al., ICML 2015) for several groups, Elkan's per-centre
 * lower bounds for groups of one. The centres are cut into groups of `groupSize` consecutive indices (the last one
 * may be smaller). For each row: `upper` is at least its true distance to the centre it was given (`held`), and
 * `lower[g]` at most its true distance to any other centre of group g. When the centres move, upper grows by its
 * centre's shift and each group's lower bound shrinks by the largest shift in that group (the held centre left
 * out of its own group). A group whose lower bound exceeds the upper one (with a rounding margin) cannot hold a
 * nearer centre and is skipped; when every group is skipped the row keeps its centre. Every distance that is
 * computed uses the very operations of the full kernel, so labels, distances and inertia are the bits the full
 * kernel gives.
 *
 * Distances here are Euclidean (not squared), as the triangle inequality needs.
 */
export interface RowBounds {
  /** The first row these bounds describe; row i is at index i - base. */
  readonly base: number;
  readonly groupSize: number;
  readonly groups: number;
  readonly held: Int32Array;
  readonly upper: Float64Array;
  /** lower[(i - base) * groups + g]. */
  readonly lower: Float64Array;
  /** Per centre: how far it moved since the pass that set the bounds. */
  readonly shift: Float64Array;
  /** Per group: its largest shift, the centre that made it, and the group's second largest shift. */
  readonly groupShift: Float64Array;
  readonly groupShiftCentre: Int32Array;
  readonly groupShiftSecond: Float64Array;
  /** The centres of the last pass (transposed), to measure the next shifts against. */
  readonly lastCenters: Float64Array;
  /** One row's working values inside the kernel: moved group bounds, and each group's nearest and second. */
  readonly rowLower: Float64Array;
  readonly rowMin1: Float64Array;
  readonly rowArg1: Int32Array;
  readonly rowMin2: Float64Array;
  /** The largest squared norm among the current centres (for the rounding margin). */
  cnMax: number;
  /** False until a pass has set every row's bounds. */
  valid: boolean;
}

export function createRowBounds(base: number, rows: number, k: number, nCols: number, groupSize: number): RowBounds {
  const groups = Math.ceil(k / groupSize);
  return {
    base,
    groupSize,
    groups,
    held: new Int32Array(rows),
    upper: new Float64Array(rows),
    lower: new Float64Array(rows * groups),
    shift: new Float64Array(k),
    groupShift: new Float64Array(groups),
    groupShiftCentre: new Int32Array(groups),
    groupShiftSecond: new Float64Array(groups),
    lastCenters: new Float64Array(k * nCols),
    rowLower: new Float64Array(groups),
    rowMin1: new Float64Array(groups),
    rowArg1: new Int32Array(groups),
    rowMin2: new Float64Array(groups),
    cnMax: 0,
    valid: false,
  };
}

/**
 * Before a pass against `centersT`: the shifts since the last pass, then `centersT` becomes the last centres.
 * Each shift is rounded up by more than the relative error of its sum of nCols squares (nCols 2^-53) and square
 * root, so that a rounded-down shift never makes a bound unsafe.
 */
export function advanceBounds(b: RowBounds, centersT: Float64Array, cNorms: Float64Array, k: number): void {
  const { shift, lastCenters, groupSize, groups, groupShift, groupShiftCentre, groupShiftSecond } = b;
  shift.fill(0);
  const len = lastCenters.length;
  for (let p = 0; p < len; p += k) {
    for (let c = 0; c < k; c++) {
      const d = centersT[p + c] - lastCenters[p + c];
      shift[c] += d * d;
    }
  }
  const roundUp = 1 + (len / k + 8) * 2 ** -52;
  for (let c = 0; c < k; c++) shift[c] = Math.sqrt(shift[c]) * roundUp;
  for (let g = 0; g < groups; g++) {
    let most = 0;
    let at = -1;
    let second = 0;
    for (let c = g * groupSize; c < Math.min(k, (g + 1) * groupSize); c++) {
      if (shift[c] > most) {
        second = most;
        most = shift[c];
        at = c;
      } else if (shift[c] > second) second = shift[c];
    }
    groupShift[g] = most;
    groupShiftCentre[g] = at;
    groupShiftSecond[g] = second;
  }
  let cnMax = 0;
  for (let c = 0; c < k; c++) if (cNorms[c] > cnMax) cnMax = cNorms[c];
  b.cnMax = cnMax;
  lastCenters.set(centersT.subarray(0, len));
}

/**
 * The rounding margin, on squared distances, of a row with squared norm `xn` and `len` entries, written out in the
 * generated kernels as (xn + cnMax) (MARGIN_FIXED + len MARGIN_PER_ENTRY): the computed |x|^2 - 2 x.c + |c|^2 is
 * within (|x|^2 + |c|^2)(len + 4) 2^-53 of the true value (the dot product's error is at most len 2^-53 |x||c| <=
 * len 2^-53 (|x|^2 + |c|^2) / 2). The 2^-30 term leaves room for the bounds' own rounding over thousands of passes.
 */
export const MARGIN_FIXED = 2 ** -30;
export const MARGIN_PER_ENTRY = 2 ** -50;

/**
 * How many centres share a lower bound, for k centres: one each (Elkan's bounds, kernel-centre-bounds.ts, with
 * their dot products in WebAssembly) for every k >= 2. Measured on the full generated df_p shape (2 threads, fit
 * seconds, the same bits either way), per-centre vs one group (Hamerly): ratings k = 3 1.35 / 1.79, k = 4 2.50 /
 * 4.52, k = 5 1.30 / 1.48, k = 6 1.49 / 1.84; binary k = 5 1.17 / 1.85, k = 6 1.43 / 2.83. Above k = 6 groups of 4
 * (Yinyang) lost to per-centre bounds before the WebAssembly kernels already (BENCHMARKS.md, "Bound schemes"). The
 * bounds take rows x k doubles (58 MB at the full df_p shape, k = 50). `NC_KMEANS_GROUP_SIZE` overrides it for
 * that measurement (the bits do not depend on it).
 */
export function groupSizeFor(k: number): number {
  const forced = Number(process.env.NC_KMEANS_GROUP_SIZE ?? '');
  if (Number.isInteger(forced) && forced > 0) return Math.min(k, forced);
  return k <= SINGLE_GROUP_MAX_K ? k : 1;
}

/** Up to this k, one group (Hamerly's single bound): k = 1 only, where there is no other centre to bound. */
export const SINGLE_GROUP_MAX_K = 1;
