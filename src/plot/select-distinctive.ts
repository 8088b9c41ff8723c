import type { CsrMatrix } from '../matrix/csr.js';

/**
 * The `distinctive` selection: what sets a cluster apart rather than what it has most of.
 */

/**
 * The columns of the `max` movies whose share of cluster c's ratings most exceeds their share of all ratings
 * (share = the movie's ratings / all ratings, in the cluster and overall), largest excess first, ties to the lower
 * movie id. A difference of shares rather than a ratio: a ratio crowns movies with one rating in the cluster.
 * Movies with no excess are left out, so a cluster like everyone else may show fewer than `max`.
 *
 * `movieCounts[c * nCols + col]` = ratings of movie col in cluster c; `clusterRatings[c]` = ratings in cluster c.
 */
export function distinctiveMovies(
  movieCounts: Int32Array,
  c: number,
  k: number,
  clusterRatings: Float64Array,
  movieIds: Int32Array,
  max: number,
): Int32Array {
  const nCols = movieIds.length;
  let allRatings = 0;
  for (let j = 0; j < k; j++) allRatings += clusterRatings[j];
  const inCluster = clusterRatings[c];
  if (inCluster === 0 || allRatings === 0) return new Int32Array(0);
  const excess = new Float64Array(nCols);
  const candidates: number[] = [];
  for (let col = 0; col < nCols; col++) {
    let total = 0;
    for (let j = 0; j < k; j++) total += movieCounts[j * nCols + col];
    const own = movieCounts[c * nCols + col];
    const e = own / inCluster - total / allRatings;
    if (own > 0 && e > 0) {
      excess[col] = e;
      candidates.push(col);
    }
  }
  candidates.sort((a, b) => excess[b] - excess[a] || movieIds[a] - movieIds[b]);
  return Int32Array.from(candidates.slice(0, max));
}

/**
 * For each cluster in `clusters`, the `maxUsers` rows nearest (squared Euclidean, in the matrix that was clustered)
 * the mean of the cluster's rows, nearest first, ties to the lower Cust_Id; rows that rated none of the shown movies
 * (`shownCounts` 0) come after all others. On sparse data the mean is near 0, so the nearest rows are those with
 * the fewest ratings: without that rule a big cluster's picture is rows of grey. The mean is the k-means centre of the
 * assignment; `heatmap` has only the assignments, so it is recomputed here: one pass for the sums, one for the
 * distances (|x|^2 - 2 x.c + |c|^2 over the row's entries only).
 */
export function nearestToMean(
  matrix: CsrMatrix,
  labels: Int32Array,
  customerIds: Int32Array,
  clusters: readonly number[],
  k: number,
  maxUsers: number,
  shownCounts: Int32Array,
): Map<number, Int32Array> {
  const { nRows, nCols, rowPtr, colIdx, values } = matrix;
  const sums = new Float64Array(k * nCols);
  const sizes = new Float64Array(k);
  for (let i = 0; i < nRows; i++) {
    const base = labels[i] * nCols;
    sizes[labels[i]]++;
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) sums[base + colIdx[p]] += values === null ? 1 : values[p];
  }
  const centreNorm = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    if (sizes[c] === 0) continue;
    const inv = 1 / sizes[c];
    let s = 0;
    for (let col = 0; col < nCols; col++) {
      const m = sums[c * nCols + col] * inv;
      sums[c * nCols + col] = m;
      s += m * m;
    }
    centreNorm[c] = s;
  }
  const wanted = new Uint8Array(k);
  for (const c of clusters) wanted[c] = 1;
  const distance = new Float64Array(nRows);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < nRows; i++) {
    const c = labels[i];
    if (!wanted[c]) continue;
    const base = c * nCols;
    let sq = 0;
    let dot = 0;
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) {
      const v = values === null ? 1 : values[p];
      sq += v * v;
      dot += v * sums[base + colIdx[p]];
    }
    distance[i] = sq - 2 * dot + centreNorm[c];
    members[c].push(i);
  }
  const out = new Map<number, Int32Array>();
  for (const c of clusters) {
    const blank = (r: number) => (shownCounts[r] === 0 ? 1 : 0);
    const rows = members[c].sort(
      (a, b) => blank(a) - blank(b) || distance[a] - distance[b] || customerIds[a] - customerIds[b],
    );
    out.set(c, Int32Array.from(rows.slice(0, maxUsers)));
  }
  return out;
}
