/**
 * Orders a shown block so that alike customers sit together, and alike movies: by each row's (and column's) score
 * on the block's leading direction, the first principal component of the block as k-means sees it (not rated = 0,
 * each column centred on its mean). Customers at one end rate the movies at one end, and so on across.
 */

/** Power iterations: the block is at most a few thousand cells, and the order needs only the direction's signs. */
const iterations = 100;

export interface BlockPermutation {
  /** Display position -> index into the block's rows. */
  readonly rows: number[];
  readonly columns: number[];
}

/**
 * Rows by score, highest first, ties to the lower id; columns by loading, likewise. The direction's sign is fixed so
 * that its loadings sum to > 0 (the top rows are those rating the block's movies most/highest) or, when they cancel
 * out, so that its largest loading is positive: the order is the same on every machine.
 */
export function leadingDirectionOrder(
  values: readonly (readonly (number | null)[])[],
  rowIds: Int32Array,
  colIds: Int32Array,
): BlockPermutation {
  const nR = values.length;
  const nC = nR === 0 ? 0 : values[0].length;
  const x = new Float64Array(nR * nC);
  for (let r = 0; r < nR; r++) for (let j = 0; j < nC; j++) x[r * nC + j] = values[r][j] ?? 0;
  for (let j = 0; j < nC; j++) {
    let s = 0;
    for (let r = 0; r < nR; r++) s += x[r * nC + j];
    const mean = nR > 0 ? s / nR : 0;
    for (let r = 0; r < nR; r++) x[r * nC + j] -= mean;
  }
  // a fixed, uneven start: an even one can be orthogonal to the leading direction of a symmetric block
  let v = Float64Array.from({ length: nC }, (_, j) => 1 + j / (nC + 1));
  const u = new Float64Array(nR);
  for (let it = 0; it < iterations; it++) {
    for (let r = 0; r < nR; r++) {
      let s = 0;
      for (let j = 0; j < nC; j++) s += x[r * nC + j] * v[j];
      u[r] = s;
    }
    const next = new Float64Array(nC);
    for (let r = 0; r < nR; r++) for (let j = 0; j < nC; j++) next[j] += x[r * nC + j] * u[r];
    let norm = 0;
    for (let j = 0; j < nC; j++) norm += next[j] * next[j];
    norm = Math.sqrt(norm);
    // a block with no variation (every shown cell alike): any order is as good, ids decide
    if (norm === 0) {
      v = new Float64Array(nC);
      break;
    }
    for (let j = 0; j < nC; j++) next[j] /= norm;
    v = next;
  }
  let sum = 0;
  let largest = 0;
  for (let j = 0; j < nC; j++) {
    sum += v[j];
    if (Math.abs(v[j]) > Math.abs(v[largest]) + 1e-12) largest = j;
  }
  // loadings that cancel out: the largest one (the first of equals) decides instead
  const sign = Math.abs(sum) > 1e-9 ? Math.sign(sum) : Math.sign(v[largest] ?? 1);
  if (sign < 0) for (let j = 0; j < nC; j++) v[j] = -v[j];
  for (let r = 0; r < nR; r++) {
    let s = 0;
    for (let j = 0; j < nC; j++) s += x[r * nC + j] * v[j];
    u[r] = s;
  }
  // scores equal up to rounding are ties: round so that identical rows reached by different sums compare equal
  const key = (a: number) => Math.round(a * 1e9) / 1e9;
  const rows = Array.from({ length: nR }, (_, r) => r).sort((a, b) => key(u[b]) - key(u[a]) || rowIds[a] - rowIds[b]);
  const columns = Array.from({ length: nC }, (_, j) => j).sort(
    (a, b) => key(v[b]) - key(v[a]) || colIds[a] - colIds[b],
  );
  return { rows, columns };
}
