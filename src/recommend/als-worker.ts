/** Entry of an ALS worker thread: the half-sweep kernel over shared memory, nothing else imported. */
import { workerData } from 'node:worker_threads';
import { serveRequests } from '../util/worker-rpc.js';
import { alsScratch, solveRange } from './als-kernel.js';
import type { AlsRequest, AlsWorkerInit } from './als-protocol.js';

const init = workerData as AlsWorkerInit;
const scratch = alsScratch(init.factors);

serveRequests<AlsRequest, null>((r) => {
  if (r.side === 'customers')
    solveRange(
      init.byCustomer,
      r.lo,
      r.hi,
      init.customerVectors,
      init.movieVectors,
      init.factors,
      init.mu,
      r.lambda,
      r.regFixed,
      scratch,
    );
  else
    solveRange(
      init.byMovie,
      r.lo,
      r.hi,
      init.movieVectors,
      init.customerVectors,
      init.factors,
      init.mu,
      r.lambda,
      r.regFixed,
      scratch,
    );
  return null;
});
