import { kmeans } from 'ml-kmeans';
import { toDenseRows, type CsrMatrix } from '../matrix/csr.js';
import { Rng } from '../util/random.js';
import { defaultKMeansOptions, type KMeansOptions, type KMeansResult } from './fit.js';
import { initialCenters } from './init.js';
import { toRowMajor } from './layout.js';
import { SerialRunner } from './passes/serial-runner.js';
import { meanColumnVariance } from './variance.js';

/** ml-kmeans works on a dense number[][]: about 8 bytes a cell plus array overhead, so we cap the cells. */
export const ML_KMEANS_MAX_CELLS = 60_000_000;

/**
 * The reference dense engine: ml-kmeans on the densified matrix, started from the same initial centres as the
 * sparse engine would choose for the same seed. Its stopping rule is its own (every centre moved at most
 * tol x mean variance, squared); with tol = 0 both engines stop when the labels no longer change.
 */
export async function fitWithMlKmeans(m: CsrMatrix, options: Partial<KMeansOptions> = {}): Promise<KMeansResult> {
  const opts: KMeansOptions = { ...defaultKMeansOptions, ...options };
  const { k } = opts;
  const t0 = performance.now();
  let start: number[][];
  if (opts.initialCenters) {
    start = splitRows(opts.initialCenters, k, m.nCols);
  } else {
    const rng = new Rng(opts.seed).fork();
    const runner = new SerialRunner(m);
    start = splitRows(toRowMajor(await initialCenters(m, k, opts.init, rng, runner), k, m.nCols), k, m.nCols);
  }
  const dense = toDenseRows(m);
  const t1 = performance.now();
  const result = kmeans(dense, k, {
    initialization: start,
    maxIterations: opts.maxIter,
    tolerance: opts.tol * meanColumnVariance(m),
  });
  const centers = new Float64Array(k * m.nCols);
  result.centroids.forEach((c, i) => centers.set(c, i * m.nCols));
  const labels = Int32Array.from(result.clusters);
  const sizes = new Array<number>(k).fill(0);
  let inertia = 0;
  for (let i = 0; i < dense.length; i++) {
    const c = labels[i];
    sizes[c]++;
    const row = dense[i];
    const base = c * m.nCols;
    for (let j = 0; j < row.length; j++) {
      const d = row[j] - centers[base + j];
      inertia += d * d;
    }
  }
  return {
    k,
    labels,
    centers,
    inertia,
    nIter: result.iterations,
    converged: result.converged,
    sizes,
    emptyClustersReseeded: 0,
    timingsMs: { init: Math.round(t1 - t0), iterations: Math.round(performance.now() - t1) },
  };
}

function splitRows(rowMajor: Float64Array, k: number, nCols: number): number[][] {
  return Array.from({ length: k }, (_, c) => Array.from(rowMajor.subarray(c * nCols, (c + 1) * nCols)));
}
