import { selectRows, type CsrMatrix } from '../matrix/csr.js';
import { rowSquaredNorms } from '../matrix/norms.js';
import { Rng, sampleIndices } from '../util/random.js';
import { pairDistanceSums, type Labeling, type PairDistanceSums } from './pair-distance-sums.js';
import { pairDistanceSumsParallel } from './pair-sums-parallel.js';

export type { Labeling } from './pair-distance-sums.js';

/**
 * Silhouette of every row of `m` under each labeling (Rousseeuw 1987, Euclidean distance):
 *
 *   a(i) = mean distance from i to the other points of its own cluster,
 *   b(i) = smallest mean distance from i to the points of another (non-empty) cluster,
 *   s(i) = (b(i) - a(i)) / max(a(i), b(i)),  and s(i) = 0 when i is alone in its cluster (or a = b = 0).
 *
 * All pairs are visited once for all labelings together (see pairDistanceSums), so scoring ten values of k
 * costs hardly more than one. Quadratic in rows: use silhouetteScores with a sample for large data.
 */
export function silhouetteSamples(
  m: CsrMatrix,
  labelings: readonly Labeling[],
  onProgress?: (pairsDone: number, pairsTotal: number) => void,
): Float64Array[] {
  return silhouetteFromSums(pairDistanceSums(m, rowSquaredNorms(m), labelings, onProgress), labelings);
}

/** Each row's silhouette under each labeling, from the pairwise sums. */
function silhouetteFromSums(
  { sums, kOffset, kTotal }: PairDistanceSums,
  labelings: readonly Labeling[],
): Float64Array[] {
  return labelings.map(({ labels, k }, r) => {
    const n = labels.length;
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) counts[labels[i]]++;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const own = labels[i];
      if (counts[own] <= 1) continue; // a singleton's silhouette is 0 by definition
      const base = i * kTotal + kOffset[r];
      const a = sums[base + own] / (counts[own] - 1);
      let b = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        if (c === own || counts[c] === 0) continue;
        const mean = sums[base + c] / counts[c];
        if (mean < b) b = mean;
      }
      if (b === Number.POSITIVE_INFINITY) continue; // one cluster only: the score is undefined, see below
      const denom = Math.max(a, b);
      out[i] = denom > 0 ? (b - a) / denom : 0;
    }
    return out;
  });
}

/**
 * The mean silhouette over the rows, scikit-learn's `silhouette_score(X, labels)`; NaN where scikit-learn raises,
 * that is when the rows hold fewer than 2 or more than rows - 1 distinct labels.
 */
export function meanSilhouette(samples: Float64Array, labels: Int32Array, k: number): number {
  const n = labels.length;
  const present = new Uint8Array(k);
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    if (present[labels[i]] === 0) {
      present[labels[i]] = 1;
      distinct++;
    }
  }
  if (distinct < 2 || distinct > n - 1) return Number.NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += samples[i];
  return s / n;
}

export interface SilhouetteOptions {
  /** Rows to score; at or above the row count the score is exact (all rows). */
  readonly sampleSize: number;
  readonly seed: number;
  readonly onProgress?: (pairsDone: number, pairsTotal: number) => void;
}

export interface SilhouetteScores {
  /** One score per labeling, NaN where undefined. */
  readonly scores: number[];
  /** How many rows were scored. */
  readonly rows: number;
  readonly exact: boolean;
}

/**
 * scikit-learn's `silhouette_score(X, labels, sample_size=sampleSize)` for each labeling: the silhouette of a
 * seeded random sample of rows computed among the sampled rows only (distances to the rest of the data are
 * never looked at). The same rows are sampled for every labeling, so scores for different k compare like with
 * like. Exact (every row) when sampleSize >= rows.
 */
export function silhouetteScores(
  m: CsrMatrix,
  labelings: readonly Labeling[],
  opts: SilhouetteOptions,
): SilhouetteScores {
  const { rows, sub, subLabelings } = sampleFor(m, labelings, opts);
  return scoresOf(silhouetteSamples(sub, subLabelings, opts.onProgress), subLabelings, rows, sub.nRows);
}

export interface ThreadedSilhouetteOptions extends SilhouetteOptions {
  readonly threads: number;
  /** The squared row norms of `m` when the caller has them (the k-means runner's): the sample's are picked from them. */
  readonly norms?: Float64Array;
}

/** silhouetteScores with the pairs on `threads` worker threads: the same sample and the same bits for any count. */
export async function silhouetteScoresOnThreads(
  m: CsrMatrix,
  labelings: readonly Labeling[],
  opts: ThreadedSilhouetteOptions,
): Promise<SilhouetteScores> {
  const { rows, sub, subLabelings } = sampleFor(m, labelings, opts);
  const norms =
    opts.norms === undefined ? rowSquaredNorms(sub) : rows === null ? opts.norms : pickNorms(opts.norms, rows);
  const pairs = await pairDistanceSumsParallel(sub, norms, subLabelings, opts.threads, opts.onProgress);
  return scoresOf(silhouetteFromSums(pairs, subLabelings), subLabelings, rows, sub.nRows);
}

function sampleFor(m: CsrMatrix, labelings: readonly Labeling[], opts: SilhouetteOptions) {
  const rows = silhouetteSampleRows(m.nRows, opts.sampleSize, opts.seed);
  const sub = rows === null ? m : selectRows(m, rows);
  const subLabelings =
    rows === null ? labelings : labelings.map(({ labels, k }) => ({ labels: pick(labels, rows), k }));
  return { rows, sub, subLabelings };
}

function scoresOf(
  samples: Float64Array[],
  subLabelings: readonly Labeling[],
  rows: Int32Array | null,
  scored: number,
): SilhouetteScores {
  return {
    scores: subLabelings.map(({ labels, k }, r) => meanSilhouette(samples[r], labels, k)),
    rows: scored,
    exact: rows === null,
  };
}

function pickNorms(norms: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = norms[rows[i]];
  return out;
}

/** One labeling's score; see silhouetteScores. */
export function silhouetteScore(m: CsrMatrix, labels: Int32Array, k: number, opts: SilhouetteOptions): number {
  return silhouetteScores(m, [{ labels, k }], opts).scores[0];
}

/**
 * The rows the sampled silhouette scores (ascending), or null for all rows. A generator of its own, derived from
 * the seed, so that the sample does not repeat the draws that `--sample` made from the same seed.
 */
export function silhouetteSampleRows(n: number, sampleSize: number, seed: number): Int32Array | null {
  if (sampleSize >= n) return null;
  return sampleIndices(new Rng(seed).fork(), n, sampleSize);
}

function pick(labels: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = labels[rows[i]];
  return out;
}
