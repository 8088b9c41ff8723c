/**
 * Entry of a k-means worker thread (loaded from the compiled dist/ by runner.ts). It imports the kernels and
 * nothing heavy: no vega, no canvas.
 */
import { workerData } from 'node:worker_threads';
import { serveRequests } from '../../util/worker-rpc.js';
import { BlockEngine } from './block-engine.js';
import type { PassReply, PassRequest, PassWorkerInit } from './pass-protocol.js';

const init = workerData as PassWorkerInit;
const matrix = { nRows: init.nRows, nCols: init.nCols, rowPtr: init.rowPtr, colIdx: init.colIdx, values: init.values };
const engine = new BlockEngine(matrix, init.xNorms, init.b0, init.b1, init.memory);

serveRequests<PassRequest, PassReply>((request) => {
  switch (request.op) {
    case 'prepare':
      return engine.prepare();
    case 'lloyd':
      engine.lloyd(request.work, request.out);
      return null;
    case 'candidates':
      engine.candidates(request.work, request.blockPotentials);
      return null;
  }
});
