import type { CsrMatrix } from './csr.js';
import { align16, ARENA_START, arenaMemory, MAX_RESIDENT_BYTES } from '../util/wasm/memory.js';

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
  const memory = arenaMemory(bytes);
  const buffer = memory.buffer as SharedArrayBuffer;
  csrMemories.set(buffer, memory);
  return {
    colIdx: colBytes === 2 ? new Uint16Array(buffer, ARENA_START, nnz) : new Int32Array(buffer, ARENA_START, nnz),
    values: hasValues ? new Float32Array(buffer, valAt, nnz) : null,
  };
}

function csrArraysBytes(nCols: number, nnz: number, hasValues: boolean): number {
  return align16(nnz * (nCols < 65536 ? 2 : 4)) + (hasValues ? nnz * 4 : 0);
}

/** The memories sharedCsrArrays made, by the buffer their arrays view (this thread's). */
const csrMemories = new WeakMap<ArrayBufferLike, WebAssembly.Memory>();

/** The WebAssembly memory that holds m's columns and values (both), made by sharedCsrArrays; else null. */
export function csrMemoryOf(m: CsrMatrix): WebAssembly.Memory | null {
  const memory = csrMemories.get(m.colIdx.buffer);
  if (memory === undefined) return null;
  return m.values === null || csrMemories.get(m.values.buffer) === memory ? memory : null;
}

/**
 * The same matrix with every array in shared memory: the columns and values in one WebAssembly memory
 * (sharedCsrArrays), as they are when they already are, copied there when not.
 */
export function sharedMatrix(m: CsrMatrix): CsrMatrix {
  const { nRows, nCols } = m;
  const rowPtr = toShared(m.rowPtr);
  const nnz = m.rowPtr[nRows];
  if (csrMemoryOf(m) !== null || csrArraysBytes(nCols, nnz, m.values !== null) > MAX_RESIDENT_BYTES) {
    return { nRows, nCols, rowPtr, colIdx: toShared(m.colIdx), values: m.values === null ? null : toShared(m.values) };
  }
  const { colIdx, values } = sharedCsrArrays(nCols, nnz, m.values !== null);
  colIdx.set(m.colIdx.subarray(0, nnz));
  if (values !== null) values.set(m.values!.subarray(0, nnz));
  return { nRows, nCols, rowPtr, colIdx, values };
}

export function isSharedMatrix(m: CsrMatrix): boolean {
  return isShared(m.rowPtr) && isShared(m.colIdx) && (m.values === null || isShared(m.values));
}
