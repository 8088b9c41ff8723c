import type { CsrMatrix } from './csr.js';
import {
  align16,
  ARENA_START,
  arenaHolding,
  arenaMemory,
  MAX_RESIDENT_BYTES,
  registerArenaBuffer,
  reserve,
} from '../util/wasm/memory.js';

/**
 * Typed arrays on SharedArrayBuffers, so that worker threads read the matrix without a copy per thread. Readers
 * that know the data will go to workers allocate here directly; anything else is copied once by `sharedMatrix`.
 */
type SharedCtor<T> = {
  new (buffer: SharedArrayBuffer, byteOffset?: number, length?: number): T;
  BYTES_PER_ELEMENT: number;
};

export function sharedArray<T>(ctor: SharedCtor<T>, length: number): T {
  return new ctor(new SharedArrayBuffer(length * ctor.BYTES_PER_ELEMENT), 0, length);
}

/** colIdx in shared memory, typed as `makeColIdx` types it (16 bits below 65,536 columns). */
export function sharedColIdx(nCols: number, length: number): Uint16Array | Int32Array {
  return nCols < 65536 ? sharedArray(Uint16Array, length) : sharedArray(Int32Array, length);
}

export function isShared(a: ArrayBufferView): boolean {
  return a.buffer instanceof SharedArrayBuffer;
}

/** A copy of `a` in shared memory, or `a` itself when it already is there. */
export function toShared<T extends Uint16Array | Int32Array | Float32Array | Float64Array>(a: T): T {
  if (isShared(a)) return a;
  const ctor = a.constructor as unknown as SharedCtor<T>;
  const out = sharedArray(ctor, a.length);
  (out as unknown as { set(src: ArrayLike<number>): void }).set(a);
  return out;
}

/**
 * A CSR's columns and values in one WebAssembly memory (an arena, memory.ts), where the k-means kernels of every
 * thread read them in place instead of each copying its rows in (6 bytes per rating). Up to MAX_RESIDENT_BYTES of
 * them; larger ones get plain shared arrays (the kernels then copy windows of rows, slower, not wrong).
 */
export function sharedCsrArrays(
  nCols: number,
  nnz: number,
  hasValues: boolean,
): { colIdx: Uint16Array | Int32Array; values: Float32Array | null } {
  const colBytes = nCols < 65536 ? 2 : 4;
  const valAt = align16(ARENA_START + nnz * colBytes);
  const bytes = csrArraysBytes(nCols, nnz, hasValues);
  if (bytes > MAX_RESIDENT_BYTES) {
    return { colIdx: sharedColIdx(nCols, nnz), values: hasValues ? sharedArray(Float32Array, nnz) : null };
  }
  const buffer = registerArenaBuffer(arenaMemory(bytes));
  return {
    colIdx: colBytes === 2 ? new Uint16Array(buffer, ARENA_START, nnz) : new Int32Array(buffer, ARENA_START, nnz),
    values: hasValues ? new Float32Array(buffer, valAt, nnz) : null,
  };
}

function csrArraysBytes(nCols: number, nnz: number, hasValues: boolean): number {
  return align16(nnz * (nCols < 65536 ? 2 : 4)) + (hasValues ? nnz * 4 : 0);
}

/** The WebAssembly memory that holds m's columns and values (both), made by sharedCsrArrays; else null. */
export function csrMemoryOf(m: CsrMatrix): WebAssembly.Memory | null {
  const memory = arenaHolding(m.colIdx.buffer);
  if (memory === null) return null;
  return m.values === null || arenaHolding(m.values.buffer) === memory ? memory : null;
}

/**
 * Values copied into their columns' memory by kernelMatrix, by the array copied: one copy however often the matrix
 * goes to the k-means threads (an elbow's fits, a fit's several starts).
 */
const valuesCopies = new WeakMap<Float32Array, Float32Array>();

/** The most a memory holding a CSR grows to for values copied next to its columns (wasm32 ends at 4 GB). */
const MAX_CSR_MEMORY_BYTES = 3 * 2 ** 30;

/** The same matrix with every array in shared memory (copying only the arrays that are not). */
export function sharedMatrix(m: CsrMatrix): CsrMatrix {
  return {
    nRows: m.nRows,
    nCols: m.nCols,
    rowPtr: toShared(m.rowPtr),
    colIdx: toShared(m.colIdx),
    values: m.values === null ? null : toShared(m.values),
  };
}

/**
 * The same matrix for the k-means worker threads, which read the ratings in place: its columns and values in one
 * WebAssembly memory (sharedCsrArrays), as it is when they already are; new values of columns that are (a centred,
 * residual or normalised matrix) copied in next to them, once (they stay as long as that memory does, which is
 * why the other thread pools, which copy their rows anyway, use sharedMatrix); anything else copied into a new
 * memory. Too large for that, sharedMatrix.
 */
export function kernelMatrix(m: CsrMatrix): CsrMatrix {
  const { nRows, nCols } = m;
  const rowPtr = toShared(m.rowPtr);
  if (csrMemoryOf(m) !== null) return { nRows, nCols, rowPtr, colIdx: m.colIdx, values: m.values };
  const nnz = m.rowPtr[nRows];
  const columnsIn = arenaHolding(m.colIdx.buffer);
  if (columnsIn !== null && m.values !== null) {
    let values = valuesCopies.get(m.values);
    if (values === undefined && columnsIn.buffer.byteLength + nnz * 4 <= MAX_CSR_MEMORY_BYTES) {
      const at = reserve(columnsIn, nnz * 4);
      values = new Float32Array(registerArenaBuffer(columnsIn), at, nnz);
      values.set(m.values.subarray(0, nnz));
      valuesCopies.set(m.values, values);
    }
    if (values !== undefined) return { nRows, nCols, rowPtr, colIdx: m.colIdx, values };
  }
  if (csrArraysBytes(nCols, nnz, m.values !== null) > MAX_RESIDENT_BYTES) return sharedMatrix(m);
  const { colIdx, values } = sharedCsrArrays(nCols, nnz, m.values !== null);
  colIdx.set(m.colIdx.subarray(0, nnz));
  if (values !== null) values.set(m.values!.subarray(0, nnz));
  return { nRows, nCols, rowPtr, colIdx, values };
}

export function isSharedMatrix(m: CsrMatrix): boolean {
  return isShared(m.rowPtr) && isShared(m.colIdx) && (m.values === null || isShared(m.values));
}
