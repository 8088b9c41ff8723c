import type { CsrMatrix } from '../csr.js';
import { WasmProducts } from './product-wasm.js';

/**
 * The sparse products of the randomized SVD on row ranges; the sums over rows are made per chunk of rows and added
 * in chunk order (row-chunks.ts), so the result is bit-identical whichever thread computed which chunk.
 */

/** This thread's kernels (each worker thread loads this module once, the main thread too). */
const kernels = new WasmProducts();

/**
 * Binds rows r0..r1 of m for the passes that follow (a worker's rows, or all of them for the serial runner), until
 * releaseRows or the next bindRows: read in place from `memory` (csrMemoryOf(m)) when given, else copied into this
 * thread's kernel memory.
 */
export function bindRows(
  m: CsrMatrix,
  ptr: Float64Array | Int32Array,
  r0: number,
  r1: number,
  memory: WebAssembly.Memory | null = null,
): void {
  kernels.bind(m, ptr, r0, r1, memory);
}

export function releaseRows(): void {
  kernels.release();
}

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
