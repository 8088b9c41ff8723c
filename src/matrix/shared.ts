import type { CsrMatrix } from './csr.js';

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

export function isSharedMatrix(m: CsrMatrix): boolean {
  return isShared(m.rowPtr) && isShared(m.colIdx) && (m.values === null || isShared(m.values));
}
