import type { CsrMatrix, RatingsData } from '../matrix/csr.js';
import { assertUnreachable } from '../util/errors.js';
import { Rng, sampleIndices } from '../util/random.js';
import { leadingDirectionOrder } from './order.js';
import { nearestToMean, distinctiveMovies } from './select-distinctive.js';

/** How much of each cluster a heatmap shows, as in the original notebook's `draw_movie_clusters`. */
export interface SelectionLimits {
  /** Customers (rows) shown per cluster; the original's max_users = 70. */
  readonly maxUsers: number;
  /** Movies (columns) shown per cluster; the original's max_movies = 50. */
  readonly maxMovies: number;
  /** Clusters with fewer customers are not drawn; the original drew only clusters with more than 9. */
  readonly minClusterSize: number;
}

export const defaultSelectionLimits: SelectionLimits = { maxUsers: 70, maxMovies: 50, minClusterSize: 10 };

/**
 * Which customers and movies a cluster's heatmap shows.
 * - densest: the original's choice: the cluster's most-rated movies and the customers who rated most of them.
 *   The block looks full even when the cluster is 9 % dense; it shows what the cluster's core rates.
 * - distinctive: the movies whose share of the cluster's ratings most exceeds their share of all ratings, and the
 *   customers nearest the cluster's mean (its most typical members).
 * - sample: a seeded random sample of the cluster's customers and its most-rated movies, so the real sparsity shows.
 */
export type SelectMode = 'densest' | 'distinctive' | 'sample';
export const selectModes: readonly SelectMode[] = ['densest', 'distinctive', 'sample'];

/** How the rows and columns of a shown block are ordered (stated in the picture's subtitle). */
export type BlockOrder = 'count' | 'direction';

export interface SelectionOptions extends SelectionLimits {
  /** Default: densest. */
  readonly mode?: SelectMode;
  /** Seed of the sample mode's draw. Default 0. */
  readonly seed?: number;
}

/** The cells one cluster's heatmap shows: rows are customers, columns movies, both in display order. */
export interface ClusterSelection {
  readonly cluster: number;
  /** Customers in the cluster (all of them, not only those shown). */
  readonly size: number;
  readonly mode: SelectMode;
  /** Seed of the sample mode (recorded for the subtitle). */
  readonly seed: number;
  /**
   * count: rows by ratings among the shown movies, columns by ratings in the cluster, most first (the original's);
   * direction: rows and columns by their score on the shown block's leading direction, so alike customers (and
   * movies) sit together.
   */
  readonly order: BlockOrder;
  /** Movies in the matrix (the cluster's cells are size x totalMovies). */
  readonly totalMovies: number;
  /** Ratings (stored entries) of the cluster's customers, over all movies. */
  readonly clusterRatings: number;
  /** Matrix row of each customer shown, in display order (see `order`). */
  readonly rows: Int32Array;
  readonly customerIds: Int32Array;
  /** Ratings of each shown customer among the shown movies (the order's key). */
  readonly customerCounts: Int32Array;
  /** Matrix column of each movie shown, in display order. */
  readonly columns: Int32Array;
  readonly movieIds: Int32Array;
  /** Ratings of each shown movie within the whole cluster (the order's key). */
  readonly movieCounts: Int32Array;
  /** values[row][movie]: the value of the chosen matrix kind, null where the customer did not rate the movie. */
  readonly values: (number | null)[][];
}

export interface SkippedCluster {
  readonly cluster: number;
  readonly size: number;
}

export interface Selection {
  readonly drawn: ClusterSelection[];
  readonly skipped: SkippedCluster[];
}

/**
 * Picks, for every cluster, its most-rated movies and the customers who rated most of them, straight from the
 * CSR (the original built a dense frame per cluster; at full shape that alone is gigabytes).
 *
 * Two passes over the ratings in all: one counts ratings per (cluster, movie) for every cluster at once, the other
 * counts each customer's ratings among their cluster's chosen movies through a (cluster, column) -> slot table.
 * Ties go to the lower movie id and the lower Cust_Id, so the picture does not depend on the row order.
 *
 * `matrix` is the transformed matrix (its pattern and values are drawn); `data` supplies the ids and must have
 * the same rows and columns.
 */
export function selectClusters(
  data: RatingsData,
  matrix: CsrMatrix,
  labels: Int32Array,
  k: number,
  limits: SelectionOptions,
): Selection {
  const mode = limits.mode ?? 'densest';
  const seed = limits.seed ?? 0;
  const { nRows, nCols } = matrix;
  if (labels.length !== nRows || data.customerIds.length !== nRows || data.movieIds.length !== nCols) {
    // a caller's bug, not the user's: the labels or ids belong to another matrix
    throw new Error(
      `selectClusters: ${labels.length} labels and ${data.customerIds.length} x ${data.movieIds.length} ids for a ${nRows} x ${nCols} matrix`,
    );
  }
  const sizes = new Int32Array(k);
  for (let i = 0; i < nRows; i++) {
    const c = labels[i];
    if (!(c >= 0 && c < k)) throw new Error(`selectClusters: label ${c} of row ${i} is outside 0..${k - 1}`);
    sizes[c]++;
  }

  const movieCounts = countMoviesPerCluster(matrix, labels, k);
  const drawnClusters: number[] = [];
  const skipped: SkippedCluster[] = [];
  for (let c = 0; c < k; c++) {
    if (sizes[c] >= limits.minClusterSize && sizes[c] > 0) drawnClusters.push(c);
    else skipped.push({ cluster: c, size: sizes[c] });
  }

  const clusterRatings = new Float64Array(k);
  for (let i = 0; i < nRows; i++) clusterRatings[labels[i]] += matrix.rowPtr[i + 1] - matrix.rowPtr[i];

  // slot[c * nCols + col] = position of column col among cluster c's shown movies, or -1
  const slot = new Int32Array(k * nCols).fill(-1);
  const columnsOf = new Map<number, Int32Array>();
  for (const c of drawnClusters) {
    const counts = movieCounts.subarray(c * nCols, (c + 1) * nCols);
    const cols =
      mode === 'distinctive'
        ? distinctiveMovies(movieCounts, c, k, clusterRatings, data.movieIds, limits.maxMovies)
        : topMovies(counts, data.movieIds, limits.maxMovies);
    columnsOf.set(c, cols);
    for (let s = 0; s < cols.length; s++) slot[c * nCols + cols[s]] = s;
  }

  const rowCounts = countRowsAmongShown(matrix, labels, slot);
  let rowsOf: Map<number, Int32Array>;
  switch (mode) {
    case 'densest': {
      // a row's count is at most its cluster's number of shown movies
      let maxCount = 0;
      for (const cols of columnsOf.values()) maxCount = Math.max(maxCount, cols.length);
      rowsOf = topRowsPerCluster(rowCounts, labels, data.customerIds, drawnClusters, k, limits.maxUsers, maxCount);
      break;
    }
    case 'distinctive':
      rowsOf = nearestToMean(matrix, labels, data.customerIds, drawnClusters, k, limits.maxUsers, rowCounts);
      break;
    case 'sample':
      rowsOf = sampleRowsPerCluster(labels, drawnClusters, k, limits.maxUsers, seed);
      break;
    default:
      return assertUnreachable(mode);
  }

  const drawn = drawnClusters.map((c): ClusterSelection => {
    let columns = columnsOf.get(c)!;
    let rows = rowsOf.get(c)!;
    const clusterSlot = slot.subarray(c * nCols, (c + 1) * nCols);
    let values = cellValues(matrix, rows, clusterSlot, columns.length);
    const order: BlockOrder = mode === 'densest' ? 'count' : 'direction';
    if (order === 'direction') {
      const rowIds = Int32Array.from(rows, (r) => data.customerIds[r]);
      const colIds = Int32Array.from(columns, (col) => data.movieIds[col]);
      const perm = leadingDirectionOrder(values, rowIds, colIds);
      rows = Int32Array.from(perm.rows, (j) => rows[j]);
      columns = Int32Array.from(perm.columns, (j) => columns[j]);
      values = perm.rows.map((r) => perm.columns.map((j) => values[r][j]));
    }
    return {
      cluster: c,
      size: sizes[c],
      mode,
      seed,
      order,
      totalMovies: nCols,
      clusterRatings: clusterRatings[c],
      rows,
      customerIds: Int32Array.from(rows, (r) => data.customerIds[r]),
      customerCounts: Int32Array.from(rows, (r) => rowCounts[r]),
      columns,
      movieIds: Int32Array.from(columns, (col) => data.movieIds[col]),
      movieCounts: Int32Array.from(columns, (col) => movieCounts[c * nCols + col]),
      values,
    };
  });
  return { drawn, skipped };
}

/** The sample mode's rows: `maxUsers` of each cluster's rows drawn with one seeded generator, clusters in order. */
function sampleRowsPerCluster(
  labels: Int32Array,
  clusters: number[],
  k: number,
  maxUsers: number,
  seed: number,
): Map<number, Int32Array> {
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < labels.length; i++) members[labels[i]].push(i);
  const rng = new Rng(seed);
  const out = new Map<number, Int32Array>();
  for (const c of clusters) {
    const rows = members[c];
    const picked =
      rows.length <= maxUsers
        ? Int32Array.from(rows)
        : Int32Array.from(sampleIndices(rng, rows.length, maxUsers), (j) => rows[j]);
    out.set(c, picked);
  }
  return out;
}

/** Filled cells of a shown block. */
export function filledCells(sel: ClusterSelection): number {
  let n = 0;
  for (const row of sel.values) for (const v of row) if (v !== null) n++;
  return n;
}

/** counts[c * nCols + col] = ratings of movie col by customers of cluster c: one pass for all clusters. */
export function countMoviesPerCluster(matrix: CsrMatrix, labels: Int32Array, k: number): Int32Array {
  const { nRows, nCols, rowPtr, colIdx } = matrix;
  const counts = new Int32Array(k * nCols);
  for (let i = 0; i < nRows; i++) {
    const base = labels[i] * nCols;
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) counts[base + colIdx[p]]++;
  }
  return counts;
}

/**
 * The columns of the `max` most-rated movies, most rated first, ties to the lower movie id. Movies nobody in
 * the cluster rated are left out: an all-empty column says nothing about the cluster.
 */
export function topMovies(counts: Int32Array, movieIds: Int32Array, max: number): Int32Array {
  const candidates: number[] = [];
  for (let col = 0; col < counts.length; col++) if (counts[col] > 0) candidates.push(col);
  candidates.sort((a, b) => counts[b] - counts[a] || movieIds[a] - movieIds[b]);
  return Int32Array.from(candidates.slice(0, max));
}

/** Each row's number of ratings among its own cluster's shown movies (0 for rows of clusters not drawn). */
function countRowsAmongShown(matrix: CsrMatrix, labels: Int32Array, slot: Int32Array): Int32Array {
  const { nRows, nCols, rowPtr, colIdx } = matrix;
  const counts = new Int32Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const base = labels[i] * nCols;
    const end = rowPtr[i + 1];
    let n = 0;
    for (let p = rowPtr[i]; p < end; p++) if (slot[base + colIdx[p]] >= 0) n++;
    counts[i] = n;
  }
  return counts;
}

/**
 * For each drawn cluster, the `maxUsers` rows with the most ratings among the shown movies, ties to the lower
 * Cust_Id. Counts are small (0..maxCount), so a histogram per cluster finds the threshold count without sorting
 * whole clusters; only the rows above it and the tied rows at it are sorted.
 */
function topRowsPerCluster(
  rowCounts: Int32Array,
  labels: Int32Array,
  customerIds: Int32Array,
  clusters: number[],
  k: number,
  maxUsers: number,
  maxCount: number,
): Map<number, Int32Array> {
  const width = maxCount + 1;
  const hist = new Int32Array(k * width);
  const n = labels.length;
  for (let i = 0; i < n; i++) hist[labels[i] * width + rowCounts[i]]++;

  // threshold[c]: the lowest count that still makes the cut; rows above it all make it
  const threshold = new Int32Array(k).fill(-1);
  for (const c of clusters) {
    let taken = 0;
    let t = maxCount;
    while (t > 0 && taken + hist[c * width + t] < maxUsers) taken += hist[c * width + t--];
    threshold[c] = t;
  }
  const above: number[][] = Array.from({ length: k }, () => []);
  const tied: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    const t = threshold[c];
    if (t < 0) continue;
    if (rowCounts[i] > t) above[c].push(i);
    else if (rowCounts[i] === t) tied[c].push(i);
  }

  const byId = (a: number, b: number) => customerIds[a] - customerIds[b];
  const out = new Map<number, Int32Array>();
  for (const c of clusters) {
    const top = above[c].sort((a, b) => rowCounts[b] - rowCounts[a] || byId(a, b));
    const ties = tied[c];
    // ties were gathered in row order, which is Cust_Id order for a sorted pivot: sort only when it is not
    if (!isSortedBy(ties, customerIds)) ties.sort(byId);
    out.set(c, Int32Array.from(top.concat(ties.slice(0, maxUsers - top.length))));
  }
  return out;
}

function isSortedBy(rows: number[], keys: Int32Array): boolean {
  for (let j = 1; j < rows.length; j++) if (keys[rows[j]] < keys[rows[j - 1]]) return false;
  return true;
}

/** The shown cells of one cluster, read from the rows' CSR entries through the cluster's slot table. */
function cellValues(matrix: CsrMatrix, rows: Int32Array, slot: Int32Array, nMovies: number): (number | null)[][] {
  const { rowPtr, colIdx, values } = matrix;
  const out: (number | null)[][] = [];
  for (const r of rows) {
    const cells = new Array<number | null>(nMovies).fill(null);
    const end = rowPtr[r + 1];
    for (let p = rowPtr[r]; p < end; p++) {
      const s = slot[colIdx[p]];
      if (s >= 0) cells[s] = values === null ? 1 : values[p];
    }
    out.push(cells);
  }
  return out;
}
