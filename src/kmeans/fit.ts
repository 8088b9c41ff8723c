import type { CsrMatrix } from '../matrix/csr.js';
import { Rng } from '../util/random.js';
import { assertUnreachable } from '../util/errors.js';
import { centerSquaredNorms } from '../matrix/norms.js';
import { initialCenters } from './init.js';
import { createPassRunner, type PassRunner } from './passes/runner.js';
import { toTransposed } from './layout.js';
import { finalAssignment } from './final-pass.js';
import { fitMiniBatch } from './minibatch.js';
import { defaultKMeansOptions, type KMeansOptions, type KMeansResult } from './kmeans-types.js';

export {
  algorithms,
  defaultKMeansOptions,
  type Algorithm,
  type KMeansOptions,
  type KMeansResult,
} from './kmeans-types.js';

/**
 * Lloyd's k-means on a CSR matrix, with scikit-learn's semantics: greedy k-means++, stop on unchanged labels or
 * when the total squared centre shift is <= tol x mean variance, then one last E-step so the labels belong to
 * the returned centres. Callers validate k (1 <= k <= rows); the kernels trust it. With algorithm 'minibatch',
 * Sculley's mini-batch k-means instead (minibatch.ts).
 */
export async function fitKMeans(
  m: CsrMatrix,
  options: Partial<KMeansOptions> = {},
  runner?: PassRunner,
): Promise<KMeansResult> {
  const opts: KMeansOptions = { ...defaultKMeansOptions, ...options };
  const ownRunner = runner === undefined;
  const passes = runner ?? (await createPassRunner(m, opts.threads));
  try {
    switch (opts.algorithm) {
      case 'lloyd':
        return await fitLloyd(m, opts, passes);
      case 'minibatch':
        return await fitMiniBatch(m, opts, passes);
      default:
        return assertUnreachable(opts.algorithm);
    }
  } finally {
    if (ownRunner) await passes.close();
  }
}

/** The best of --n-init Lloyd runs. */
async function fitLloyd(m: CsrMatrix, opts: KMeansOptions, passes: PassRunner): Promise<KMeansResult> {
  const tolAbs = opts.tol * passes.meanColumnVariance();
  const rng = new Rng(opts.seed);
  const runs = opts.initialCenters ? 1 : opts.nInit;
  let best: KMeansResult | null = null;
  for (let run = 0; run < runs; run++) {
    const runRng = rng.fork();
    const t0 = performance.now();
    // k-means++ finds each row's nearest initial centre on the way: the first pass's labels
    const nearest = opts.initialCenters === null && opts.init === 'k-means++' ? new Int32Array(m.nRows) : null;
    const centersT = opts.initialCenters
      ? toTransposed(opts.initialCenters, opts.k, m.nCols)
      : await initialCenters(m, opts.k, opts.init, runRng, passes, nearest);
    const t1 = performance.now();
    const result = await lloyd(m, centersT, nearest, opts, tolAbs, passes);
    const timingsMs = { init: round1(t1 - t0), iterations: round1(performance.now() - t1) };
    if (best === null || result.inertia < best.inertia) best = { ...result, timingsMs };
  }
  return best!;
}

async function lloyd(
  m: CsrMatrix,
  startT: Float64Array,
  startLabels: Int32Array | null,
  opts: KMeansOptions,
  tolAbs: number,
  passes: PassRunner,
): Promise<Omit<KMeansResult, 'timingsMs'>> {
  const { k, maxIter } = opts;
  const n = m.nRows;
  let centersT: Float64Array = startT;
  let nextT: Float64Array = new Float64Array(centersT.length);
  const labels = new Int32Array(n);
  const labelsOld = new Int32Array(n).fill(-1);
  const minDist = new Float64Array(n);
  const counts = new Float64Array(k);
  const cNorms = new Float64Array(k);
  let reseeded = 0;
  let inertia = 0;
  let iter = 0;
  let converged = false;
  // the iterations need labels and sums only: without distances, the rows whose centre the runner's bounds prove
  // cost nothing (most of them once the centres settle); the inertia comes from one pass with distances at the end
  const normsTotal = opts.onIteration ? sumOf(passes.rowNorms()) : 0;
  for (; iter < maxIter; iter++) {
    centerSquaredNorms(centersT, k, cNorms);
    const labelsGiven = iter === 0 && startLabels !== null;
    if (labelsGiven) labels.set(startLabels);
    await passes.lloydPass({ centersT, cNorms, k, labels, minDist: null, sumsT: nextT, counts, labelsGiven });
    if (hasEmptyCluster(counts, k)) {
      // re-seeding takes the rows farthest from their centres: their distances to these same centres
      await passes.lloydPass({ centersT, cNorms, k, labels, minDist, sumsT: null, counts: null });
    }
    if (opts.onIteration) inertia = inertiaFromSums(normsTotal, centersT, cNorms, nextT, counts, k);
    reseeded += relocateEmptyClusters(m, k, labels, minDist, nextT, counts);
    const shift = divideIntoCenters(nextT, counts, centersT, k);
    [centersT, nextT] = [nextT, centersT];
    opts.onIteration?.(iter + 1, inertia);
    if (arraysEqual(labels, labelsOld)) {
      converged = true;
      break;
    }
    if (shift <= tolAbs) {
      converged = true;
      break;
    }
    labelsOld.set(labels);
  }
  const nIter = Math.min(iter + 1, maxIter);
  // (With unchanged labels and no re-seeding the centres did not change, and the last E-step only computes the
  // inertia.)
  const final = await finalAssignment(passes, m, centersT, k, labels, minDist, cNorms);
  return {
    k,
    ...final,
    nIter,
    converged,
    emptyClustersReseeded: reseeded,
  };
}

/**
 * scikit-learn's rule: each empty cluster takes the point farthest from its own centre, which leaves its old
 * cluster (sums and counts move with it; labels stay until the next pass). Returns how many were re-seeded.
 */
export function relocateEmptyClusters(
  m: CsrMatrix,
  k: number,
  labels: Int32Array,
  minDist: Float64Array,
  sumsT: Float64Array,
  counts: Float64Array,
): number {
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length === 0) return 0;
  const far = farthestRows(minDist, empty.length);
  const { rowPtr, colIdx, values } = m;
  for (let e = 0; e < empty.length; e++) {
    const to = empty[e];
    const row = far[e];
    const from = labels[row];
    for (let p = rowPtr[row]; p < rowPtr[row + 1]; p++) {
      const v = values === null ? 1 : values[p];
      sumsT[colIdx[p] * k + from] -= v;
      sumsT[colIdx[p] * k + to] = v;
    }
    counts[from] -= 1;
    counts[to] = 1;
  }
  return empty.length;
}

function hasEmptyCluster(counts: Float64Array, k: number): boolean {
  for (let c = 0; c < k; c++) if (counts[c] === 0) return true;
  return false;
}

function sumOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/**
 * The inertia of a pass from its cluster sums, for progress lines: sum |x|^2 - 2 sum_c c.S_c + sum_c n_c |c|^2,
 * the row-by-row sum up to rounding, in O(k x nCols).
 */
function inertiaFromSums(
  normsTotal: number,
  centersT: Float64Array,
  cNorms: Float64Array,
  sumsT: Float64Array,
  counts: Float64Array,
  k: number,
): number {
  let dot = 0;
  for (let p = 0; p < sumsT.length; p++) dot += centersT[p] * sumsT[p];
  let sizes = 0;
  for (let c = 0; c < k; c++) sizes += counts[c] * cNorms[c];
  return Math.max(0, normsTotal - 2 * dot + sizes);
}

/** Indices of the `count` largest distances, largest first, lower index first on ties. */
function farthestRows(dist: Float64Array, count: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < dist.length; i++) {
    if (top.length === count && dist[i] <= dist[top[count - 1]]) continue;
    let j = top.length < count ? top.length : count - 1;
    top[j] = i;
    while (j > 0 && dist[top[j - 1]] < dist[i]) {
      top[j] = top[j - 1];
      top[j - 1] = i;
      j--;
    }
  }
  return top;
}

/** sums/counts into `sumsT` in place (a cluster left with no point keeps its old centre); returns the total squared shift. */
function divideIntoCenters(sumsT: Float64Array, counts: Float64Array, oldT: Float64Array, k: number): number {
  let shift = 0;
  const len = sumsT.length;
  for (let p = 0; p < len; p += k) {
    for (let c = 0; c < k; c++) {
      const v = counts[c] > 0 ? sumsT[p + c] / counts[c] : oldT[p + c];
      sumsT[p + c] = v;
      const d = v - oldT[p + c];
      shift += d * d;
    }
  }
  return shift;
}

function arraysEqual(a: Int32Array, b: Int32Array): boolean {
  const n = a.length;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}
