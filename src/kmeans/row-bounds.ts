/**
 * Hamerly's bounds, kept so that a Lloyd pass can skip the k - 1 distances that cannot win. For each row: `upper`
 * is at least its true distance to the centre it was given (`held`), `lower` at most its true distance to any
 * other centre. When the centres move, upper grows by its centre's shift and lower shrinks by the largest shift
 * of the others; while upper < lower (with a rounding margin) the row keeps its centre, and only that one distance
 * is computed, with the very operations the full kernel would use for it. So labels, distances and inertia are the
 * bits the full kernel gives, in about a fifth of the work once the centres settle.
 *
 * Distances here are Euclidean (not squared), as the triangle inequality needs.
 */
export interface RowBounds {
  /** The first row these bounds describe; row i is at index i - base. */
  readonly base: number;
  readonly held: Int32Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  /** Per centre: how far it moved since the pass that set the bounds, and the largest move of any other centre. */
  readonly shift: Float64Array;
  readonly otherShift: Float64Array;
  /** The centres of the last pass (transposed), to measure the next shifts against. */
  readonly lastCenters: Float64Array;
  /** The largest squared norm among the current centres (for the rounding margin). */
  cnMax: number;
  /** False until a pass has set every row's bounds. */
  valid: boolean;
}

export function createRowBounds(base: number, rows: number, k: number, nCols: number): RowBounds {
  return {
    base,
    held: new Int32Array(rows),
    upper: new Float64Array(rows),
    lower: new Float64Array(rows),
    shift: new Float64Array(k),
    otherShift: new Float64Array(k),
    lastCenters: new Float64Array(k * nCols),
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
  const { shift, otherShift, lastCenters } = b;
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
  for (let c = 0; c < k; c++) {
    let most = 0;
    for (let j = 0; j < k; j++) if (j !== c && shift[j] > most) most = shift[j];
    otherShift[c] = most;
  }
  let cnMax = 0;
  for (let c = 0; c < k; c++) if (cNorms[c] > cnMax) cnMax = cNorms[c];
  b.cnMax = cnMax;
  lastCenters.set(centersT.subarray(0, len));
}

/**
 * The rounding margin, on squared distances, of a row with squared norm `xn` and `len` entries: the computed
 * |x|^2 - 2 x.c + |c|^2 is within (|x|^2 + |c|^2)(len + 4) 2^-53 of the true value (the dot product's error is at
 * most len 2^-53 |x||c| <= len 2^-53 (|x|^2 + |c|^2) / 2). The 2^-30 term leaves room for the bounds' own
 * rounding over thousands of passes. Written out in the generated kernels; here for the tests.
 */
export function roundingMargin(xn: number, cnMax: number, len: number): number {
  return (xn + cnMax) * (MARGIN_FIXED + len * MARGIN_PER_ENTRY);
}

export const MARGIN_FIXED = 2 ** -30;
export const MARGIN_PER_ENTRY = 2 ** -50;
