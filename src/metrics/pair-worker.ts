/**
 * Entry of a silhouette worker thread (loaded from the compiled dist/ by pair-sums-parallel.ts): the pairs of
 * its tiles into its own sums. It imports the pair loop and nothing heavy.
 */
import { workerData } from 'node:worker_threads';
import { serveRequests } from '../util/worker-rpc.js';
import { addTilePairs } from './pair-distance-sums.js';
import type { PairWorkerInit } from './pair-sums-parallel.js';

const init = workerData as PairWorkerInit;
const m = { nRows: init.nRows, nCols: init.nCols, rowPtr: init.rowPtr, colIdx: init.colIdx, values: init.values };

serveRequests<null, null>(() => {
  addTilePairs(m, init.norms, init.plan, init.tiles, init.sums, (done) => {
    init.progress[0] = done;
  });
  return null;
});
