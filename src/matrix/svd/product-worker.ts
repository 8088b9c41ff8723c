/** Entry of a sparse-product worker thread (see products.ts); imports the kernels only. */
import { workerData } from 'node:worker_threads';
import { serveRequests } from '../../util/worker-rpc.js';
import { chunkRows, multiplyGramChunk, multiplyRows, multiplyTransposedChunk, rowOffsets } from './product-kernels.js';
import type { ProductRequest, ProductWorkerInit } from './product-protocol.js';

const init = workerData as ProductWorkerInit;
const m = { nRows: init.nRows, nCols: init.nCols, rowPtr: init.rowPtr, colIdx: init.colIdx, values: init.values };
const rowsPerChunk = chunkRows(m.nRows);
const ptr = rowOffsets(m);

serveRequests<ProductRequest, null>((request) => {
  const r0 = Math.min(m.nRows, init.c0 * rowsPerChunk);
  const r1 = Math.min(m.nRows, init.c1 * rowsPerChunk);
  switch (request.op) {
    case 'multiply':
      multiplyRows(m, request.x, request.l, request.y, r0, r1, ptr);
      return null;
    case 'multiplyTransposed': {
      const width = m.nCols * request.l;
      for (let c = init.c0; c < init.c1; c++) {
        multiplyTransposedChunk(
          m,
          request.y,
          request.l,
          request.chunks,
          c * width,
          c * rowsPerChunk,
          Math.min(m.nRows, (c + 1) * rowsPerChunk),
          ptr,
        );
      }
      return null;
    }
    case 'multiplyGram': {
      const width = m.nCols * request.l;
      for (let c = init.c0; c < init.c1; c++) {
        multiplyGramChunk(
          m,
          request.x,
          request.l,
          request.chunks,
          c * width,
          c * rowsPerChunk,
          Math.min(m.nRows, (c + 1) * rowsPerChunk),
          ptr,
        );
      }
      return null;
    }
  }
});
