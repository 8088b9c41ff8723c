import type { CsrMatrix } from '../matrix/csr.js';

/** Cluster labels (0..k-1) of the rows of a matrix. */
export interface Labeling {
  readonly labels: Int32Array;
  readonly k: number;
}

export interface PairDistanceSums {
  /**
   * For row i and labeling r, cluster c: the sum of Euclidean distances from row i to every row of cluster c
   * (itself excluded) at sums[i * kTotal + kOffset[r] + c].
   */
  readonly sums: Float64Array;
  readonly kOffset: Int32Array;
  readonly kTotal: number;
}

/**
 * Rows per tile: a tile's column lists (about 3.5 MB at 9% of 5,332 movies) stay in cache while every earlier
 * row sweeps them, and its accumulator (8 KB) stays in L1. Also the bound of the Uint16 local row index.
 */
export const TILE_ROWS = 1024;

/**
 * What every tile needs besides the matrix: where row j's distances land under each labeling, and the grid the
 * distances are rounded to.
 *
 * Why a grid: the tiles may run on any number of threads, each adding into its own sums, and floating-point
 * addition depends on the order. Each distance is rounded to a multiple of `grid`, a power of two small enough
 * that any sum of n distances stays below 2^52 grid steps: every partial sum is then exact, in any order and any
 * split between threads, so the silhouette is the same bits for any thread count. The rounding moves a distance by
 * at most grid / 2, about n dmax 2^-54: far below what the score shows.
 */
export interface PairPlan {
  readonly nLab: number;
  readonly kOffset: Int32Array;
  readonly kTotal: number;
  /** slot[j * nLab + r]: where row j's distances land in another row's block under labeling r. */
  readonly slot: Int32Array;
  readonly grid: number;
}

export function planPairSums(
  m: CsrMatrix,
  norms: Float64Array,
  labelings: readonly Labeling[],
  alloc: (n: number) => Int32Array = (n) => new Int32Array(n),
): PairPlan {
  const n = m.nRows;
  const nLab = labelings.length;
  const kOffset = new Int32Array(nLab);
  let kTotal = 0;
  for (let r = 0; r < nLab; r++) {
    kOffset[r] = kTotal;
    kTotal += labelings[r].k;
  }
  const slot = alloc(n * nLab);
  for (let r = 0; r < nLab; r++) {
    const labels = labelings[r].labels;
    for (let j = 0; j < n; j++) slot[j * nLab + r] = kOffset[r] + labels[j];
  }
  let maxNorm = 0;
  for (let i = 0; i < n; i++) if (norms[i] > maxNorm) maxNorm = norms[i];
  // d(i, j) <= |x_i| + |x_j|: no sum of n distances exceeds n 2 sqrt(maxNorm)
  const most = n * 2 * Math.sqrt(maxNorm);
  const grid = most > 0 ? 2 ** (Math.ceil(Math.log2(most)) + 1 - 52) : 1;
  return { nLab, kOffset, kTotal, slot, grid };
}

/** Tile indices in [0, tiles) over `parts` threads, about the same pairs each (tile t sweeps (t + 1) x TILE_ROWS rows). */
export function splitTiles(nRows: number, parts: number): number[][] {
  const tiles = Math.ceil(nRows / TILE_ROWS);
  const out: number[][] = Array.from({ length: parts }, () => []);
  const load = new Float64Array(parts);
  for (let t = tiles - 1; t >= 0; t--) {
    let least = 0;
    for (let j = 1; j < parts; j++) if (load[j] < load[least]) least = j;
    out[least].push(t);
    load[least] += Math.min(nRows, (t + 1) * TILE_ROWS);
  }
  for (const list of out) list.sort((a, b) => a - b);
  return out.filter((list) => list.length > 0);
}

/**
 * Every pair of rows once, d(i, j) = sqrt(|x_i|^2 - 2 x_i.x_j + |x_j|^2), added into i's sum for j's cluster and
 * j's sum for i's cluster, for all labelings at once (the dot products, the expensive part, do not depend on k).
 * One thread; see pair-sums-parallel.ts for several.
 */
export function pairDistanceSums(
  m: CsrMatrix,
  norms: Float64Array,
  labelings: readonly Labeling[],
  onProgress?: (pairsDone: number, pairsTotal: number) => void,
): PairDistanceSums {
  const plan = planPairSums(m, norms, labelings);
  const sums = new Float64Array(m.nRows * plan.kTotal);
  const tiles = Array.from({ length: Math.ceil(m.nRows / TILE_ROWS) }, (_, t) => t);
  const pairsTotal = (m.nRows * (m.nRows - 1)) / 2;
  addTilePairs(
    m,
    norms,
    plan,
    tiles,
    sums,
    onProgress === undefined ? undefined : (done) => onProgress(done, pairsTotal),
  );
  onProgress?.(pairsTotal, pairsTotal);
  return { sums, kOffset: plan.kOffset, kTotal: plan.kTotal };
}

/**
 * The pairs (i, j) with j in one of `tiles` and i < j, added into `sums` (rounded to the plan's grid).
 *
 * Why column-wise: row i's dots with the rows j > i come from one sweep over the columns row i rates, adding
 * v_i * v_j into acc[j] for the rows j of that column. That touches only the ratings two rows share (the sum
 * over movies of raters^2 / 2 in all), not every rating of j for every i: at the Netflix density (about 9%)
 * several times less work than dotting a scattered row i with each row j.
 *
 * The j rows are taken a tile at a time (a small CSC of the tile's rows); rows i < tile see the whole tile,
 * rows inside it step a per-column cursor past themselves so that each pair is computed once.
 */
export function addTilePairs(
  m: CsrMatrix,
  norms: Float64Array,
  plan: PairPlan,
  tiles: readonly number[],
  sums: Float64Array,
  onProgress?: (pairsDone: number) => void,
): void {
  const n = m.nRows;
  const nCols = m.nCols;
  const { nLab, kTotal, slot, grid } = plan;
  const perGrid = 1 / grid;
  const { rowPtr, colIdx, values } = m;
  const tile = new ColumnTile(m);
  const cursor = new Int32Array(nCols);
  const acc = new Float64Array(TILE_ROWS);
  const iSlots = new Int32Array(nLab);
  let pairsDone = 0;

  for (const t of tiles) {
    const j0 = t * TILE_ROWS;
    const j1 = Math.min(n, j0 + TILE_ROWS);
    tile.load(j0, j1);
    const colPtr = tile.colPtr;
    const tileRows = tile.rows;
    const tileVals = tile.values;
    cursor.set(colPtr.subarray(0, nCols));
    for (let i = 0; i < j1; i++) {
      const inTile = i >= j0;
      const end = rowPtr[i + 1];
      for (let p = rowPtr[i]; p < end; p++) {
        const col = colIdx[p];
        // rows of the tile come in order, so the column's entry at the cursor is row i itself: step past it
        const q0 = inTile ? ++cursor[col] : colPtr[col];
        const q1 = colPtr[col + 1];
        if (values === null) {
          for (let q = q0; q < q1; q++) acc[tileRows[q]] += 1;
        } else {
          const v = values[p];
          for (let q = q0; q < q1; q++) acc[tileRows[q]] += v * tileVals![q];
        }
      }
      const ni = norms[i];
      const iBase = i * kTotal;
      // where row i's distances land in another row's block: the same for every j
      for (let r = 0; r < nLab; r++) iSlots[r] = slot[i * nLab + r];
      const first = inTile ? i + 1 : j0;
      for (let j = first; j < j1; j++) {
        const local = j - j0;
        const d2 = ni - 2 * acc[local] + norms[j];
        acc[local] = 0;
        // rounding can leave identical rows a hair below zero; the grid makes the sums exact (see PairPlan)
        const d = d2 > 0 ? Math.round(Math.sqrt(d2) * perGrid) * grid : 0;
        const jBase = j * kTotal;
        const jSlot = j * nLab;
        for (let r = 0; r < nLab; r++) {
          sums[iBase + slot[jSlot + r]] += d;
          sums[jBase + iSlots[r]] += d;
        }
      }
      pairsDone += j1 - first;
      if (onProgress !== undefined && (i & 255) === 255) onProgress(pairsDone);
    }
  }
  onProgress?.(pairsDone);
}

/** The rows [j0, j1) of a CSR matrix by column, row indices local to the tile; buffers sized once for any tile. */
class ColumnTile {
  readonly colPtr: Int32Array;
  readonly rows: Uint16Array;
  readonly values: Float32Array | null;
  private readonly m: CsrMatrix;
  private readonly next: Int32Array;

  constructor(m: CsrMatrix) {
    this.m = m;
    let most = 0;
    for (let j0 = 0; j0 < m.nRows; j0 += TILE_ROWS) {
      most = Math.max(most, m.rowPtr[Math.min(m.nRows, j0 + TILE_ROWS)] - m.rowPtr[j0]);
    }
    this.colPtr = new Int32Array(m.nCols + 1);
    this.next = new Int32Array(m.nCols);
    this.rows = new Uint16Array(most);
    this.values = m.values === null ? null : new Float32Array(most);
  }

  /** A counting sort of the tile's entries by column; rows stay ascending within each column. */
  load(j0: number, j1: number): void {
    const { nCols, rowPtr, colIdx, values } = this.m;
    const { colPtr, next, rows } = this;
    const out = this.values;
    const base = rowPtr[j0];
    colPtr.fill(0);
    for (let p = base; p < rowPtr[j1]; p++) colPtr[colIdx[p] + 1]++;
    for (let c = 0; c < nCols; c++) colPtr[c + 1] += colPtr[c];
    next.set(colPtr.subarray(0, nCols));
    for (let i = j0; i < j1; i++) {
      const end = rowPtr[i + 1];
      for (let p = rowPtr[i]; p < end; p++) {
        const q = next[colIdx[p]]++;
        rows[q] = i - j0;
        if (out !== null) out[q] = values![p];
      }
    }
  }
}
