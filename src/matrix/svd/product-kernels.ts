import type { CsrMatrix } from '../csr.js';
import { WasmProducts } from './product-wasm.js';

/**
 * The two sparse products of the randomized SVD, on row ranges. Rows are grouped into chunks whose size depends
 * on the number of rows only (never on the thread count); A^T Y is summed per chunk and the chunk sums are added
 * in chunk order, so the result is bit-identical whichever thread computed which chunk. At most MAX_CHUNKS chunk
 * sums exist at once (each nCols x l doubles), which bounds the scratch memory.
 */
export const CHUNK_BLOCK_ROWS = 2048;
export const MAX_CHUNKS = 32;

/**
 * Row offsets as int32 while the entries fit: V8 keeps loop counters read from a Float64Array as doubles, 10-20 %
 * slower (see kmeans/kernel-codegen.ts). Computed once per runner or worker.
 */
export function rowOffsets(m: CsrMatrix): Float64Array | Int32Array {
  return m.rowPtr[m.nRows] < 2 ** 31 ? Int32Array.from(m.rowPtr) : m.rowPtr;
}

/** Rows per chunk: whole blocks of 2,048 rows, as few chunks as MAX_CHUNKS allows. */
export function chunkRows(nRows: number): number {
  const blocks = Math.max(1, Math.ceil(nRows / CHUNK_BLOCK_ROWS));
  return Math.ceil(blocks / MAX_CHUNKS) * CHUNK_BLOCK_ROWS;
}

export function chunkCount(nRows: number): number {
  return Math.max(1, Math.ceil(nRows / chunkRows(nRows)));
}

/** This thread's kernels (each worker thread loads this module once, the main thread too). */
const kernels = new WasmProducts();

/** Y[r0..r1) = A[r0..r1) X, with X nCols x l and Y nRows x l, both row-major. */
export function multiplyRows(
  m: CsrMatrix,
  x: Float64Array,
  l: number,
  y: Float64Array,
  r0: number,
  r1: number,
  ptr: Float64Array | Int32Array = m.rowPtr,
): void {
  kernels.run('rows', { m, rowPtr: ptr, dense: x, l, out: y, offset: 0, r0, r1 });
}

/** A chunk product: rows r0..r1 of A into out[offset ..) (nCols x l), zeroed first. */
export type ChunkProduct = (
  m: CsrMatrix,
  dense: Float64Array,
  l: number,
  out: Float64Array,
  offset: number,
  r0: number,
  r1: number,
  ptr?: Float64Array | Int32Array,
) => void;

function chunkProduct(op: 'transposed' | 'gram'): ChunkProduct {
  return (m, dense, l, out, offset, r0, r1, ptr = m.rowPtr) => {
    out.fill(0, offset, offset + m.nCols * l);
    kernels.run(op, { m, rowPtr: ptr, dense, l, out, offset, r0, r1 });
  };
}

/**
 * out[offset ..) = A[r0..r1)^T Y[r0..r1): one chunk's sum. Rows in ascending order: the same additions in the same
 * order on every thread.
 */
export const multiplyTransposedChunk = chunkProduct('transposed');

/**
 * out[offset ..) = A[r0..r1)^T A[r0..r1) X: one chunk's sum of the Gram product. The same bits as multiplyRows then
 * multiplyTransposedChunk (each row's A X sums are formed in the same order either way), read in one pass over the
 * matrix with A X never stored.
 */
export const multiplyGramChunk = chunkProduct('gram');

/** total = sum of the first nChunks chunk sums, in chunk order (each `width` long). */
export function addChunksInOrder(chunks: Float64Array, nChunks: number, width: number, total: Float64Array): void {
  total.fill(0, 0, width);
  for (let b = 0; b < nChunks; b++) {
    const base = b * width;
    for (let c = 0; c < width; c++) total[c] += chunks[base + c];
  }
}
