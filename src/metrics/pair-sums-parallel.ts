import type { CsrMatrix } from '../matrix/csr.js';
import { sharedArray, sharedMatrix, toShared } from '../matrix/shared.js';
import { WorkerClient } from '../util/worker-rpc.js';
import {
  addTilePairs,
  planPairSums,
  splitTiles,
  type Labeling,
  type PairDistanceSums,
  type PairPlan,
} from './pair-distance-sums.js';

/** What a silhouette worker is started with; every array in shared memory. */
export interface PairWorkerInit {
  readonly rowPtr: Float64Array;
  readonly colIdx: CsrMatrix['colIdx'];
  readonly values: Float32Array | null;
  readonly nRows: number;
  readonly nCols: number;
  readonly norms: Float64Array;
  readonly plan: PairPlan;
  readonly tiles: readonly number[];
  /** This worker's own sums, n x kTotal. */
  readonly sums: Float64Array;
  /** progress[0]: the pairs this worker has done so far. */
  readonly progress: Float64Array;
}

const workerUrl = () => new URL('./pair-worker.js', import.meta.url);

/**
 * pairDistanceSums on `threads` threads: the tiles split between worker threads, each adding into sums of its own,
 * added together here. The sums are exact (see PairPlan), so the result is the serial one bit for bit.
 */
export async function pairDistanceSumsParallel(
  m: CsrMatrix,
  norms: Float64Array,
  labelings: readonly Labeling[],
  threads: number,
  onProgress?: (pairsDone: number, pairsTotal: number) => void,
): Promise<PairDistanceSums> {
  const parts = splitTiles(m.nRows, Math.max(1, Math.floor(threads)));
  const pairsTotal = (m.nRows * (m.nRows - 1)) / 2;
  if (parts.length <= 1) {
    const plan = planPairSums(m, norms, labelings);
    const sums = new Float64Array(m.nRows * plan.kTotal);
    addTilePairs(m, norms, plan, parts[0] ?? [], sums, onProgress && ((done) => onProgress(done, pairsTotal)));
    onProgress?.(pairsTotal, pairsTotal);
    return { sums, kOffset: plan.kOffset, kTotal: plan.kTotal };
  }
  const shared = sharedMatrix(m);
  const plan = planPairSums(m, norms, labelings, (n) => sharedArray(Int32Array, n));
  const sharedNorms = toShared(norms);
  const clients: WorkerClient<null, null>[] = [];
  const progress = parts.map(() => sharedArray(Float64Array, 1));
  const sums = parts.map(() => sharedArray(Float64Array, m.nRows * plan.kTotal));
  const timer =
    onProgress &&
    setInterval(
      () =>
        onProgress(
          progress.reduce((s, p) => s + p[0], 0),
          pairsTotal,
        ),
      200,
    );
  try {
    for (let j = 0; j < parts.length; j++) {
      const init: PairWorkerInit = {
        ...shared,
        norms: sharedNorms,
        plan,
        tiles: parts[j],
        sums: sums[j],
        progress: progress[j],
      };
      clients.push(new WorkerClient<null, null>(workerUrl(), init, 'silhouette'));
    }
    await Promise.all(clients.map((c) => c.call(null)));
  } finally {
    if (timer !== undefined) clearInterval(timer);
    await Promise.all(clients.map((c) => c.terminate()));
  }
  onProgress?.(pairsTotal, pairsTotal);
  // exact sums: any order gives the same bits
  const total = sums[0];
  for (let j = 1; j < sums.length; j++) {
    const part = sums[j];
    for (let p = 0; p < total.length; p++) total[p] += part[p];
  }
  return { sums: total, kOffset: plan.kOffset, kTotal: plan.kTotal };
}
