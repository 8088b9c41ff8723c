/**
 * The memory side of the WebAssembly kernels (centre-dots.ts, svd/product-wasm.ts, als-wasm.ts): one memory per
 * thread, grown on demand, and a thread's rows of a CSR matrix copied into it once.
 */
import type { CsrMatrix } from '../../matrix/csr.js';

/** The largest wasm32 memory, in 64 KB pages: 4 GB. */
export const MAX_PAGES = 65536;

/** The memory import of the kernels' modules, matching kernelMemory. */
export const KERNEL_MEMORY = { shared: true, maximumPages: MAX_PAGES } as const;

/**
 * A memory for one thread's kernels (modules encoded with KERNEL_MEMORY). It is shared, though no other thread
 * uses it, because growing an unshared memory detaches its old ArrayBuffer, and after the first detach in a thread
 * V8 makes optimized JavaScript check every typed-array access for one (its "array buffer detaching" protector is
 * gone for good): the k-means passes in JavaScript ran 10-30 % slower after one `grow`. The buffers of a shared
 * memory are SharedArrayBuffers, which never detach; a grow only reserves more of the address space.
 */
export function kernelMemory(initialPages = 1): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: initialPages, maximum: MAX_PAGES, shared: true });
}

/** Bytes per wasm memory page. */
export const PAGE = 65536;

export const align16 = (n: number): number => Math.ceil(n / 16) * 16;

/** `memory` grown to at least `bytes`; its buffer (a SharedArrayBuffer: views made before stay valid). */
export function growTo(memory: WebAssembly.Memory, bytes: number): ArrayBuffer {
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
  return memory.buffer as unknown as ArrayBuffer;
}

/** The most a thread copies in for good, leaving room below wasm32's 4 GB for the kernels' other regions. */
export const MAX_RESIDENT_BYTES = 2 ** 31;

/** Where copyRowsIn put the rows: byte addresses, and the first free byte after them (16-aligned). */
export interface RowsCopy {
  /** r1 - r0 + 1 int32 offsets, relative to the first copied entry. */
  readonly ptrAt: number;
  readonly colAt: number;
  /** Float32 values (nothing for the binary matrix). */
  readonly valAt: number;
  readonly end: number;
}

/** Where copyRowsIn puts `rows` rows of `entries` ratings of m from byte `at` (16-aligned) on. */
function rowsLayout(m: CsrMatrix, entries: number, rows: number, at: number): RowsCopy {
  const colAt = align16(at + (rows + 1) * 4);
  const valAt = align16(colAt + entries * m.colIdx.BYTES_PER_ELEMENT);
  const end = align16(valAt + (m.values === null ? 0 : entries * 4));
  return { ptrAt: at, colAt, valAt, end };
}

/** The bytes copyRowsIn takes for `rows` rows of `entries` ratings of m. */
export function rowsCopyBytes(m: CsrMatrix, entries: number, rows: number): number {
  return rowsLayout(m, entries, rows, 0).end;
}

/** Rows r0..r1's offsets relative to their first entry, as int32s at byte `at` of `buffer`. */
function writeRowOffsets(buffer: ArrayBuffer, at: number, rowPtr: ArrayLike<number>, r0: number, r1: number): void {
  const first = rowPtr[r0];
  const ptr = new Int32Array(buffer, at, r1 - r0 + 1);
  for (let i = r0; i <= r1; i++) ptr[i - r0] = rowPtr[i] - first;
}

/**
 * Copies rows r0..r1 of m (offsets `rowPtr`, m's own or an int32 copy) into `memory` from byte `at` on (the start
 * by default): 6 bytes per rating (4 for the binary matrix, 8 with 32-bit columns). Null, and nothing copied, when
 * they would take more than MAX_RESIDENT_BYTES: a wasm32 memory ends at 4 GB, so such rows stay windowed (slower,
 * not wrong).
 */
export function copyRowsIn(
  memory: WebAssembly.Memory,
  m: CsrMatrix,
  rowPtr: ArrayLike<number>,
  r0: number,
  r1: number,
  at = 0,
): RowsCopy | null {
  const { colIdx, values } = m;
  const first = rowPtr[r0];
  const entries = rowPtr[r1] - first;
  if (rowsCopyBytes(m, entries, r1 - r0) > MAX_RESIDENT_BYTES) return null;
  const layout = rowsLayout(m, entries, r1 - r0, at);
  const { colAt, valAt } = layout;
  const buffer = growTo(memory, layout.end);
  writeRowOffsets(buffer, at, rowPtr, r0, r1);
  const cols =
    colIdx.BYTES_PER_ELEMENT === 4 ? new Int32Array(buffer, colAt, entries) : new Uint16Array(buffer, colAt, entries);
  cols.set(colIdx.subarray(first, first + entries));
  if (values !== null) new Float32Array(buffer, valAt, entries).set(values.subarray(first, first + entries));
  return layout;
}

/**
 * Rows r0..r1 of m where they are, for kernels on `memory`, the arena memory m's columns and values are in
 * (shared.ts csrMemoryOf): only their int32 offsets are written, in a region reserved for them. The same addresses
 * as copyRowsIn gives; `end` is the end of the offsets.
 */
export function rowsInPlace(
  memory: WebAssembly.Memory,
  m: CsrMatrix,
  rowPtr: ArrayLike<number>,
  r0: number,
  r1: number,
): RowsCopy {
  const { colIdx, values } = m;
  const first = rowPtr[r0];
  const ptrAt = reserve(memory, (r1 - r0 + 1) * 4);
  writeRowOffsets(memory.buffer as unknown as ArrayBuffer, ptrAt, rowPtr, r0, r1);
  return {
    ptrAt,
    colAt: colIdx.byteOffset + first * colIdx.BYTES_PER_ELEMENT,
    valAt: values === null ? 0 : values.byteOffset + first * 4,
    end: align16(ptrAt + (r1 - r0 + 1) * 4),
  };
}

/** The first bytes of an arena memory: its first free byte, a Uint32 that `reserve` moves atomically. */
const ARENA_HEADER = 16;

/**
 * A kernel memory whose space `reserve` hands out, to any thread that holds the memory (a shared memory can be
 * posted to worker threads): a CSR's ratings in one (shared.ts, sharedCsrArrays) are then read by every thread's
 * kernels in place, each thread's own regions reserved after them. `firstBytes` after the header go to the
 * creator, at ARENA_START.
 */
export function arenaMemory(firstBytes = 0): WebAssembly.Memory {
  const memory = kernelMemory(Math.max(1, Math.ceil((ARENA_START + firstBytes) / PAGE)));
  new Uint32Array(memory.buffer, 0, 1)[0] = align16(ARENA_START + firstBytes);
  return memory;
}

/** The arena memories whose arrays a reader handed out, by the buffer those arrays view (this thread's). */
const arenaBuffers = new WeakMap<ArrayBufferLike, WebAssembly.Memory>();

/** Records `memory`'s current buffer as its own, for arenaHolding; returns that buffer. */
export function registerArenaBuffer(memory: WebAssembly.Memory): SharedArrayBuffer {
  const buffer = memory.buffer as SharedArrayBuffer;
  arenaBuffers.set(buffer, memory);
  return buffer;
}

/** The arena memory whose registered buffer `buffer` is, else null. */
export function arenaHolding(buffer: ArrayBufferLike): WebAssembly.Memory | null {
  return arenaBuffers.get(buffer) ?? null;
}

/** Where the creator's first bytes of an arena memory start. */
export const ARENA_START = ARENA_HEADER;

/**
 * `bytes` of an arena memory for the caller alone (16-aligned, grown to hold them): their address. Safe from any
 * number of threads at once (one atomic add; a grow that races another only grows a little more). Regions are
 * never handed back: callers reserve again only when they need more.
 */
export function reserve(memory: WebAssembly.Memory, bytes: number): number {
  const size = align16(bytes);
  const at = Atomics.add(new Uint32Array(memory.buffer, 0, 1), 0, size);
  growTo(memory, at + size);
  return at;
}

/** A region of an arena memory that one caller reserved (reserve). */
export interface Region {
  readonly at: number;
  readonly bytes: number;
}

export const noRegion: Region = { at: 0, bytes: 0 };

/** `region` if it holds `bytes`, else a new one that does, with room to grow (the old one is not handed back). */
export function regionFor(memory: WebAssembly.Memory, region: Region, bytes: number): Region {
  if (bytes <= region.bytes) return region;
  const size = Math.max(bytes, Math.ceil(region.bytes * 1.5));
  return { at: reserve(memory, size), bytes: size };
}
