import type { CsrMatrix } from '../matrix/csr.js';
import { selectRows } from '../matrix/csr.js';
import { centerSquaredNorms } from '../matrix/norms.js';
import { Rng, sampleIndices } from '../util/random.js';
import type { KMeansOptions, KMeansResult, MiniBatchStop } from './kmeans-types.js';

export type { MiniBatchInfo, MiniBatchStop } from './kmeans-types.js';
import { CentreDots } from './centre-dots.js';
import { initialCenters } from './init.js';
import { toTransposed } from './layout.js';
import { finalAssignment } from './final-pass.js';
import { SerialRunner } from './passes/serial-runner.js';
import type { PassRunner } from './passes/work.js';

/** scikit-learn's max_no_improvement: batches in a row without a new low of the smoothed batch inertia. */
export const MAX_NO_IMPROVEMENT = 10;

/** Reusable buffers of one batch step (allocated once per fit). */
export interface BatchScratch {
  /** Nearest centre of each batch row. */
  readonly labels: Int32Array;
  readonly cNorms: Float64Array<ArrayBuffer>;
  /** The batch rows' dot products with the centres (WebAssembly, centre-dots.ts). */
  readonly dots: CentreDots;
  /** Batch rows per centre. */
  readonly batchCounts: Float64Array;
  /** The centres before the step, for the shift. */
  readonly before: Float64Array;
}

export function batchScratch(batchSize: number, k: number, nCols: number): BatchScratch {
  return {
    labels: new Int32Array(batchSize),
    cNorms: new Float64Array(k),
    dots: new CentreDots(),
    batchCounts: new Float64Array(k),
    before: new Float64Array(k * nCols),
  };
}

/**
 * One mini-batch step (Sculley 2010, as scikit-learn's _mini_batch_update_csr): each row of `batch` goes to its
 * nearest centre (the lower index on ties), then each centre c that got rows moves to
 * (c x weight_c + sum of its batch rows) / (weight_c + rows), the running mean of every row it was ever given:
 * Sculley's per-centre learning rate 1/count. `weights` (rows seen per centre, 0 at the start) is updated.
 * Returns the batch's inertia against the centres it was assigned to, and the total squared centre shift.
 */
export function miniBatchStep(
  m: CsrMatrix,
  batch: Int32Array,
  centersT: Float64Array,
  k: number,
  weights: Float64Array,
  xNorms: Float64Array<ArrayBufferLike>,
  s: BatchScratch,
): { inertia: number; shift: number } {
  const { rowPtr, colIdx, values } = m;
  const nCols = m.nCols;
  const bs = batch.length;
  const { labels, cNorms, dots, batchCounts, before } = s;
  centerSquaredNorms(centersT, k, cNorms);
  batchCounts.fill(0);
  let inertia = 0;
  dots.setCentres(m, centersT, k);
  const batchDots = dots.listDots(m, batch);
  const stride = dots.stride;
  for (let b = 0, o = 0; b < bs; b++, o += stride) {
    const xn = xNorms[batch[b]];
    let best = 0;
    let bestDist = xn - 2 * batchDots[o] + cNorms[0];
    for (let c = 1; c < k; c++) {
      const d = xn - 2 * batchDots[o + c] + cNorms[c];
      if (d < bestDist) {
        bestDist = d;
        best = c;
      }
    }
    labels[b] = best;
    batchCounts[best] += 1;
    inertia += bestDist > 0 ? bestDist : 0;
  }
  before.set(centersT);
  // centre x its weight, plus its batch rows, over the new weight
  for (let j = 0; j < nCols; j++) {
    const base = j * k;
    for (let c = 0; c < k; c++) if (batchCounts[c] > 0) centersT[base + c] *= weights[c];
  }
  for (let b = 0; b < bs; b++) {
    const row = batch[b];
    const c = labels[b];
    const end = rowPtr[row + 1];
    for (let p = rowPtr[row]; p < end; p++) centersT[colIdx[p] * k + c] += values === null ? 1 : values[p];
  }
  for (let c = 0; c < k; c++) weights[c] += batchCounts[c];
  let shift = 0;
  for (let j = 0; j < nCols; j++) {
    const base = j * k;
    for (let c = 0; c < k; c++) {
      if (batchCounts[c] === 0) continue;
      const v = centersT[base + c] / weights[c];
      centersT[base + c] = v;
      const d = v - before[base + c];
      shift += d * d;
    }
  }
  return { inertia, shift };
}

/**
 * Mini-batch k-means (Sculley 2010; scikit-learn's MiniBatchKMeans with its defaults where they apply):
 * - start: the --init method (k-means++ by default) on a seeded sample of 3 x batch size rows (at least 3k, at
 *   most all), --n-init times, keeping the start with the lowest inertia on that sample;
 * - steps: batches of `batchSize` rows drawn uniformly with replacement, each one a miniBatchStep;
 * - stop: after --max-iter passes' worth of batches; or (from the second batch on) when a batch moves the centres
 *   by a total squared shift <= tol x the mean column variance; or when the batch inertia per row, smoothed as
 *   scikit-learn does (weight 2 x batch / (rows + 1)), has not reached a new low for MAX_NO_IMPROVEMENT batches;
 * - then one exact Lloyd assignment of every row (the runner's pass, the same for any thread count): the labels
 *   and inertia on the whole data, comparable with the full fit's. No empty-cluster re-seeding: a centre no batch
 *   row went to keeps its start.
 * The batches run on the calling thread, so the result does not depend on --threads.
 */
export async function fitMiniBatch(m: CsrMatrix, opts: KMeansOptions, passes: PassRunner): Promise<KMeansResult> {
  const { k } = opts;
  const n = m.nRows;
  const t0 = performance.now();
  const rng = new Rng(opts.seed);
  const initRng = rng.fork();
  const batchRng = rng.fork();
  const initRows = Math.min(n, Math.max(3 * opts.batchSize, 3 * k));
  const centersT = opts.initialCenters
    ? toTransposed(opts.initialCenters, k, m.nCols)
    : await sampleStart(m, opts, initRows, initRng);
  const t1 = performance.now();

  const tolAbs = opts.tol * passes.meanColumnVariance();
  const bs = Math.min(opts.batchSize, n);
  const maxBatches = opts.maxIter * Math.ceil(n / bs);
  const alpha = Math.min(1, (2 * bs) / (n + 1));
  const xNorms = passes.rowNorms();
  const weights = new Float64Array(k);
  const batch = new Int32Array(bs);
  const scratch = batchScratch(bs, k, m.nCols);
  let ewa = Number.NaN;
  let ewaMin = Number.POSITIVE_INFINITY;
  let noImprovement = 0;
  let stoppedBy: MiniBatchStop = 'max-iter';
  let batches = 0;
  while (batches < maxBatches) {
    for (let b = 0; b < bs; b++) batch[b] = batchRng.int(n);
    const step = miniBatchStep(m, batch, centersT, k, weights, xNorms, scratch);
    batches++;
    // the first batch's inertia is against the start, and its shift is from it: scikit-learn skips both
    if (batches === 1) continue;
    const perRow = step.inertia / bs;
    ewa = Number.isNaN(ewa) ? perRow : ewa * (1 - alpha) + perRow * alpha;
    if (tolAbs > 0 && step.shift <= tolAbs) {
      stoppedBy = 'tol';
      break;
    }
    if (ewa < ewaMin) {
      ewaMin = ewa;
      noImprovement = 0;
    } else if (++noImprovement >= MAX_NO_IMPROVEMENT) {
      stoppedBy = 'no-improvement';
      break;
    }
  }

  const final = await finalAssignment(passes, m, centersT, k, new Int32Array(n), new Float64Array(n));
  return {
    k,
    ...final,
    nIter: batches,
    converged: stoppedBy !== 'max-iter',
    emptyClustersReseeded: 0,
    timingsMs: { init: round1(t1 - t0), iterations: round1(performance.now() - t1) },
    minibatch: { batchSize: bs, batches, initRows, stoppedBy },
  };
}

/** The best of --n-init starts on one seeded sample of rows, by inertia on that sample. */
async function sampleStart(m: CsrMatrix, opts: KMeansOptions, initRows: number, rng: Rng): Promise<Float64Array> {
  const { k } = opts;
  const sample = selectRows(m, sampleIndices(rng, m.nRows, initRows));
  const runner = new SerialRunner(sample);
  try {
    const labels = new Int32Array(initRows);
    const minDist = new Float64Array(initRows);
    let best: Float64Array | null = null;
    let bestInertia = Number.POSITIVE_INFINITY;
    for (let run = 0; run < Math.max(1, opts.nInit); run++) {
      const centersT = await initialCenters(sample, k, opts.init, rng.fork(), runner);
      const cNorms = centerSquaredNorms(centersT, k);
      const inertia = await runner.lloydPass({ centersT, cNorms, k, labels, minDist, sumsT: null, counts: null });
      if (best === null || inertia < bestInertia) {
        best = centersT;
        bestInertia = inertia;
      }
    }
    return best!;
  } finally {
    await runner.close();
  }
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}
