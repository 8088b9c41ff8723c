/**
 * A k-means worker that fails on purpose, for the runner's failure tests. It serves requests like
 * src/kmeans/passes/pass-worker.ts, except that the worker that does not own block 0 fails on its first Lloyd pass as
 * NC_FAIL_MODE says: throw (an uncaught exception in the thread), exit (the thread exits with code 3) or load
 * (it throws before serving anything). Harmless when the test runner loads it as a test file.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import type { PassWorkerInit, PassRequest, PassReply } from '../../src/kmeans/passes/pass-protocol.js';

if (!isMainThread) {
  const mode = process.env.NC_FAIL_MODE ?? 'throw';
  const init = workerData as PassWorkerInit;
  const victim = init.b0 > 0;
  if (mode === 'load' && victim) throw new Error('injected load failure');
  const { serveRequests } = await import('../../src/util/worker-rpc.js');
  const { BlockEngine } = await import('../../src/kmeans/passes/block-engine.js');
  const m = { nRows: init.nRows, nCols: init.nCols, rowPtr: init.rowPtr, colIdx: init.colIdx, values: init.values };
  const engine = new BlockEngine(m, init.xNorms, init.b0, init.b1);
  serveRequests<PassRequest, PassReply>((request) => {
    if (request.op === 'prepare') return engine.prepare();
    if (victim && request.op === 'lloyd') {
      if (mode === 'exit') process.exit(3);
      // outside the request handler, so that it is an uncaught exception rather than an error reply
      setImmediate(() => {
        throw new Error('injected failure');
      });
      return new Promise<PassReply>(() => {});
    }
    if (request.op === 'lloyd') engine.lloyd(request.work, request.out);
    else engine.candidates(request.work, request.blockPotentials);
    return null;
  });
}
