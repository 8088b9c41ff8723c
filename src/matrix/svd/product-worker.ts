/** Entry of a sparse-product worker thread (see products.ts); imports the kernels only. */
import { workerData } from 'node:worker_threads';
import { serveRequests } from '../../util/worker-rpc.js';
import { rowOffsets } from '../csr.js';
import { customerStep, itemSums, residualRows } from '../baseline.js';
import { chunkRows } from '../row-chunks.js';
import { bindRows, multiplyGramChunk, multiplyRows, multiplyTransposedChunk } from './product-kernels.js';
import type { ChunkProduct } from './product-kernels.js';
import type { ProductRequest, ProductWorkerInit } from './product-protocol.js';

const init = workerData as ProductWorkerInit;
const m = { nRows: init.nRows, nCols: init.nCols, rowPtr: init.rowPtr, colIdx: init.colIdx, values: init.values };
const rowsPerChunk = chunkRows(m.nRows);
const ptr = rowOffsets(m);
let bound = false;

serveRequests<ProductRequest, null>((request) => {
  const r0 = Math.min(m.nRows, init.c0 * rowsPerChunk);
  const r1 = Math.min(m.nRows, init.c1 * rowsPerChunk);
  if (!bound && request.op.startsWith('multiply')) {
    // this worker's rows, read in place or copied into its kernel memory once for all the products it will make
    // (the baseline's passes run in JavaScript over the shared matrix and need neither)
    bindRows(m, ptr, r0, r1, init.memory);
    bound = true;
  }
  switch (request.op) {
    case 'multiply':
      multiplyRows(m, request.x, request.l, request.y, r0, r1, ptr);
      return null;
    case 'multiplyTransposed':
      productChunks(multiplyTransposedChunk, request.y, request.l, request.chunks);
      return null;
    case 'multiplyGram':
      productChunks(multiplyGramChunk, request.x, request.l, request.chunks);
      return null;
    case 'itemSums':
      for (let c = init.c0; c < init.c1; c++) {
        const end = Math.min(m.nRows, (c + 1) * rowsPerChunk);
        itemSums(m, ptr, request.mu, request.userBias, request.chunks, c * m.nCols, c * rowsPerChunk, end);
      }
      return null;
    case 'customerStep':
      customerStep(m, ptr, request.mu, request.itemBias, request.regUser, request.userBias, r0, r1);
      return null;
    case 'residual':
      residualRows(m, request, request.out, r0, r1);
      return null;
  }
});

/** This worker's chunks c0..c1 of `product`, each into its own slice of `chunks` (added in order by the caller). */
function productChunks(product: ChunkProduct, x: Float64Array, l: number, chunks: Float64Array): void {
  const width = m.nCols * l;
  for (let c = init.c0; c < init.c1; c++) {
    product(m, x, l, chunks, c * width, c * rowsPerChunk, Math.min(m.nRows, (c + 1) * rowsPerChunk), ptr);
  }
}
