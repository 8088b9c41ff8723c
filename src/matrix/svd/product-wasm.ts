/**
 * The SVD's sparse products as WebAssembly SIMD kernels, generated per (columns, binary, index width) and cached.
 * Two of the l columns share one f64x2 instruction, and the l running sums of a row live in registers; JavaScript
 * needs an instruction (and a bounds check) per column. Each column's sums are the same operations in the same
 * order as the plain loops (`s_c += v * x[j][c]`, entries ascending, each product rounded before the add: no
 * fused multiply-add in WebAssembly), so the bits are those of the plain loops whatever the lane layout.
 *
 * WebAssembly reads only its own memory. A matrix whose ratings a reader put in a WebAssembly memory (shared.ts
 * sharedCsrArrays) is read there in place by every thread. Otherwise a thread that makes many passes over the same
 * rows (a product worker, the serial runner) copies them in once (`bind`: 6 bytes per rating, each worker its own
 * share; the copy goes with the runner). Any other call copies a window of rows (a few MB) in per call, so a caller that does not bind still
 * works, at about 15 % more time per pass. Rows of X, Y and the output are padded to an even stride L with zeros,
 * which add nothing (v * 0 + s = s).
 */
import type { CsrMatrix } from '../csr.js';
import { Code, encodeModule, instantiate } from '../../util/wasm/encoder.js';
import {
  align16,
  copyRowsIn,
  growTo,
  KERNEL_MEMORY,
  kernelMemory,
  noRegion,
  regionFor,
  rowsInPlace,
  type Region,
} from '../../util/wasm/memory.js';
import { entryAddress, entryValue, rowLoopHead } from '../../util/wasm/csr-entries.js';

type Op = 'rows' | 'transposed' | 'gram';
type Kernel = (ptr: number, col: number, val: number, nRows: number, dense: number, out: number) => void;

/** A window holds at least this many ratings (more when one row has more). */
const WINDOW_ENTRIES = 1 << 18;

/** Parameters of every kernel (byte addresses in the wasm memory, and the window's row count), then its locals. */
const enum Slot {
  Ptr,
  Col,
  Val,
  Rows,
  Dense,
  Out,
  I,
  P,
  End,
  Start,
  Addr,
  V,
  S0,
}

/**
 * One kernel: for each of nRows window rows, `rows` writes the row's sums of A X to out (row i at i L),
 * `transposed` adds v * Y[i] to out[j] for each entry (j, v), `gram` forms the row's sums of A X (from `dense` = X)
 * and adds v * sums to out[j] — A^T A X in one pass.
 */
function kernelCode(op: Op, pairs: number, binary: boolean, wideIndex: boolean): Code {
  const stride = pairs * 16;
  const c = new Code();
  const slots = { col: Slot.Col, val: Slot.Val, p: Slot.P };
  /** addr = base + column of entry p * stride */
  const entryRowAddress = (base: number): void => entryAddress(c, slots, base, 0, stride, wideIndex, Slot.Addr);
  const loadValue = (): void => {
    if (!binary) entryValue(c, slots, 0, true, Slot.V);
  };
  /** for (p = start; p < end; p++) body() */
  const entries = (body: () => void): void => {
    c.localGet(Slot.Start).localSet(Slot.P);
    c.block().loop();
    c.localGet(Slot.P).localGet(Slot.End).i32GeU().brIf(1);
    body();
    c.localGet(Slot.P).i32Const(1).i32Add().localSet(Slot.P);
    c.br(0).end().end();
  };
  /** s_j += v * X[column][j] for every entry of the row */
  const rowSums = (): void => {
    for (let j = 0; j < pairs; j++) c.v128Const0().localSet(Slot.S0 + j);
    entries(() => {
      entryRowAddress(Slot.Dense);
      loadValue();
      for (let j = 0; j < pairs; j++) {
        c.localGet(Slot.S0 + j)
          .localGet(Slot.Addr)
          .v128Load(16 * j);
        if (!binary) c.localGet(Slot.V).f64x2Mul();
        c.f64x2Add().localSet(Slot.S0 + j);
      }
    });
  };
  /** out[column][j] += v * s_j for every entry of the row */
  const scatter = (): void => {
    entries(() => {
      entryRowAddress(Slot.Out);
      loadValue();
      for (let j = 0; j < pairs; j++) {
        c.localGet(Slot.Addr)
          .localGet(Slot.Addr)
          .v128Load(16 * j)
          .localGet(Slot.S0 + j);
        if (!binary) c.localGet(Slot.V).f64x2Mul();
        c.f64x2Add().v128Store(16 * j);
      }
    });
  };
  c.i32Const(0).localSet(Slot.I);
  c.block().loop();
  rowLoopHead(c, { i: Slot.I, rows: Slot.Rows, ptr: Slot.Ptr, addr: Slot.Addr, start: Slot.Start, end: Slot.End });
  switch (op) {
    case 'rows':
      rowSums();
      // out row i = sums
      c.localGet(Slot.Out).localGet(Slot.I).i32Const(stride).i32Mul().i32Add().localSet(Slot.Addr);
      for (let j = 0; j < pairs; j++)
        c.localGet(Slot.Addr)
          .localGet(Slot.S0 + j)
          .v128Store(16 * j);
      break;
    case 'transposed':
      c.localGet(Slot.Dense).localGet(Slot.I).i32Const(stride).i32Mul().i32Add().localSet(Slot.Addr);
      for (let j = 0; j < pairs; j++)
        c.localGet(Slot.Addr)
          .v128Load(16 * j)
          .localSet(Slot.S0 + j);
      scatter();
      break;
    case 'gram':
      rowSums();
      scatter();
      break;
  }
  c.localGet(Slot.I).i32Const(1).i32Add().localSet(Slot.I);
  c.br(0).end().end();
  return c;
}

const moduleCache = new Map<string, Uint8Array>();

function moduleBytes(pairs: number, binary: boolean, wideIndex: boolean): Uint8Array {
  const key = `${pairs}:${binary}:${wideIndex}`;
  let bytes = moduleCache.get(key);
  if (bytes === undefined) {
    const locals = [
      ...(['i32', 'i32', 'i32', 'i32', 'i32'] as const),
      'v128' as const,
      ...Array.from({ length: pairs }, () => 'v128' as const),
    ];
    bytes = encodeModule(
      (['rows', 'transposed', 'gram'] as const).map((op) => ({
        name: op,
        params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32'],
        results: [],
        locals,
        code: kernelCode(op, pairs, binary, wideIndex),
      })),
      KERNEL_MEMORY,
    );
    moduleCache.set(key, bytes);
  }
  return bytes;
}

/** One product over a row range (see WasmProducts.run). */
export interface ProductCall {
  readonly m: CsrMatrix;
  /** m's row offsets, int32 while they fit (see csr.ts rowOffsets). */
  readonly rowPtr: Float64Array | Int32Array;
  readonly dense: Float64Array;
  readonly l: number;
  readonly out: Float64Array;
  readonly offset: number;
  readonly r0: number;
  readonly r1: number;
}

/** Rows r0..r1 of a matrix copied into this thread's wasm memory once (bind), used by every later call. */
interface Resident {
  readonly colIdx: CsrMatrix['colIdx'];
  readonly values: Float32Array | null;
  readonly r0: number;
  readonly r1: number;
  readonly ptrAt: number;
  readonly colAt: number;
  readonly valAt: number;
  /** The first free byte after the copy (16-aligned). */
  readonly end: number;
}

/**
 * This thread's kernels and wasm memory. The rows a call reads come from the resident copy when `bind` made one for
 * them (a worker binds its own rows once: 6 bytes per rating, its share of the matrix), else from a window copied
 * in per call. The layout: [resident rows] [dense: nCols or window rows x L doubles] [out: the same] [window rows].
 */
export class WasmProducts {
  private memory = kernelMemory();
  private instances = new Map<string, Record<Op, Kernel>>();
  private resident: Resident | null = null;
  /**
   * Bound in place: the memory is the one the matrix's ratings are in (shared.ts sharedCsrArrays), shared with other
   * threads, so each call's dense, out and window regions are reserved there (memory.ts reserve) rather than laid
   * out after the resident rows.
   */
  private inPlace = false;
  private scratch: Region = noRegion;

  private kernels(pairs: number, binary: boolean, wideIndex: boolean): Record<Op, Kernel> {
    const key = `${pairs}:${binary}:${wideIndex}`;
    let k = this.instances.get(key);
    if (k === undefined) {
      k = instantiate(moduleBytes(pairs, binary, wideIndex), this.memory) as unknown as Record<Op, Kernel>;
      this.instances.set(key, k);
    }
    return k;
  }

  /**
   * Binds rows r0..r1 of m for good: later calls on those rows of this matrix read nothing else. With `memory` (the
   * WebAssembly memory m's ratings are in: csrMemoryOf) they are read there in place, only their int32 offsets
   * written; else they are copied in.
   */
  bind(
    m: CsrMatrix,
    rowPtr: Float64Array | Int32Array,
    r0: number,
    r1: number,
    memory: WebAssembly.Memory | null = null,
  ): void {
    this.release();
    if (memory !== null) {
      this.memory = memory;
      this.instances = new Map();
      this.inPlace = true;
      this.scratch = noRegion;
      this.resident = { colIdx: m.colIdx, values: m.values, r0, r1, ...rowsInPlace(memory, m, rowPtr, r0, r1) };
      return;
    }
    const copy = copyRowsIn(this.memory, m, rowPtr, r0, r1);
    if (copy !== null) this.resident = { colIdx: m.colIdx, values: m.values, r0, r1, ...copy };
  }

  /** Drops the resident rows and the memory that held them (wasm memory cannot shrink: a new one replaces it). */
  release(): void {
    if (this.resident === null && !this.inPlace) return;
    this.resident = null;
    this.inPlace = false;
    this.memory = kernelMemory();
    this.instances = new Map();
  }

  /**
   * Runs `op` over rows r0..r1 of m. `dense` (X: nCols x l for rows/gram; Y: nRows x l for transposed) and the
   * output (Y rows r0..r1 for rows; out[offset ..) nCols x l, added to, for transposed/gram) are row-major with
   * stride l.
   */
  run(op: Op, call: ProductCall): void {
    if (call.r1 <= call.r0) return;
    const slices = op === 'gram' ? gramSlices(call.l, call.m.nCols) : 1;
    for (let s = 0; s < slices; s++) {
      const c0 = Math.floor((s * call.l) / slices);
      this.runColumns(op, call, c0, Math.floor(((s + 1) * call.l) / slices) - c0);
    }
  }

  /** `run` for columns [c0, c0 + l) of the dense input and the output only. */
  private runColumns(op: Op, call: ProductCall, c0: number, l: number): void {
    const { m, rowPtr, dense, out, r0, r1 } = call;
    const offset = call.offset + c0;
    const lIn = call.l;
    const { nCols, colIdx, values } = m;
    const pairs = Math.ceil(l / 2);
    const stride = 2 * pairs;
    const wideIndex = colIdx.BYTES_PER_ELEMENT === 4;
    const kernel = this.kernels(pairs, values === null, wideIndex)[op];
    const res = this.resident;
    const resident = res !== null && res.colIdx === colIdx && res.values === values && res.r0 <= r0 && r1 <= res.r1;
    let windowEntries = 0;
    if (!resident) {
      let longest = 0;
      for (let i = r0; i < r1; i++) longest = Math.max(longest, rowPtr[i + 1] - rowPtr[i]);
      windowEntries = Math.max(WINDOW_ENTRIES, longest);
    }
    // rows of a window: as many as fit windowEntries ratings, at most windowRows (bounds the per-row regions)
    const windowRows = Math.min(r1 - r0, 4096);
    const columnMajor = op !== 'transposed'; // X (rows, gram) has nCols rows; Y (transposed) is per window row
    const denseRows = columnMajor ? nCols : windowRows;
    const outRows = op === 'rows' ? windowRows : nCols;
    // never over the resident rows, even when this call does not use them; in place, in this thread's own region
    const outRel = denseRows * stride * 8;
    const ptrRel = outRel + outRows * stride * 8;
    const colRel = align16(ptrRel + (windowRows + 1) * 4);
    const valRel = colRel + windowEntries * 4;
    const bytes = valRel + windowEntries * 4;
    if (this.inPlace) this.scratch = regionFor(this.memory, this.scratch, bytes);
    const denseAt = this.inPlace ? this.scratch.at : res === null ? 0 : res.end;
    const outAt = denseAt + outRel;
    const ptrAt = denseAt + ptrRel;
    const colAt = denseAt + colRel;
    const valAt = denseAt + valRel;
    const buffer = growTo(this.memory, valAt + windowEntries * 4);
    const f64 = new Float64Array(buffer);
    const ptrView = new Int32Array(buffer, ptrAt, windowRows + 1);
    const colView = wideIndex
      ? new Int32Array(buffer, colAt, windowEntries)
      : new Uint16Array(buffer, colAt, windowEntries);
    const valView = new Float32Array(buffer, valAt, windowEntries);
    const denseBase = denseAt / 8;
    const outBase = outAt / 8;
    if (columnMajor) copyPadded(dense, 0, nCols, lIn, c0, l, f64, denseBase, stride);
    if (op !== 'rows') f64.fill(0, outBase, outBase + nCols * stride);
    let a = r0;
    while (a < r1) {
      let b: number;
      if (resident) {
        // the resident rows need no copy: the window only bounds the per-row regions
        b = Math.min(r1, a + windowRows);
        if (!columnMajor) copyPadded(dense, a, b, lIn, c0, l, f64, denseBase, stride);
        kernel(res.ptrAt + (a - res.r0) * 4, res.colAt, res.valAt, b - a, denseAt, outAt);
      } else {
        // the window [a, b): whole rows, at most windowRows of them and windowEntries ratings
        const first = rowPtr[a];
        b = a + 1;
        while (b < r1 && b - a < windowRows && rowPtr[b + 1] - first <= windowEntries) b++;
        const last = rowPtr[b];
        for (let i = a; i <= b; i++) ptrView[i - a] = rowPtr[i] - first;
        colView.set(colIdx.subarray(first, last));
        if (values !== null) valView.set(values.subarray(first, last));
        if (!columnMajor) copyPadded(dense, a, b, lIn, c0, l, f64, denseBase, stride);
        kernel(ptrAt, colAt, valAt, b - a, denseAt, outAt);
      }
      if (op === 'rows') unpad(f64, outBase, b - a, stride, out, a * lIn + c0, lIn, l);
      a = b;
    }
    if (op !== 'rows') {
      // out[offset ..) += the window sums (the callers zero it first: the chunk sum starts at 0)
      for (let j = 0; j < nCols; j++) {
        const src = outBase + j * stride;
        const dst = offset + j * lIn;
        for (let c = 0; c < l; c++) out[dst + c] += f64[src + c];
      }
    }
  }
}

/**
 * How many column slices a gram product of l columns over nCols movie columns runs in: its two tables (X and the
 * output, nCols x L doubles each) stay within GRAM_TABLE_BYTES, which keeps them in a core's L2 cache (2 MB here),
 * and no slice has fewer than MIN_SLICE_COLUMNS. Each column's sums are the same operations whatever slice holds
 * it, so the bits do not change. Measured on the full df_p shape (5,332 columns, 2 threads): one pass of 25
 * columns 515 ms, as 13 + 12 columns 362 ms; 16 columns 221 ms, 12 columns 169 ms.
 */
export function gramSlices(l: number, nCols: number): number {
  const fits = Math.floor(GRAM_TABLE_BYTES / (2 * 8 * nCols));
  const width = Math.max(MIN_SLICE_COLUMNS, fits - (fits % 2));
  return Math.ceil(l / width);
}

const GRAM_TABLE_BYTES = 1536 * 1024;
const MIN_SLICE_COLUMNS = 8;

/**
 * Rows r0..r1 of columns [c0, c0 + l) of `src` (stride lIn) into `dst` from `base` with stride `stride` (>= l),
 * padding zeroed.
 */
function copyPadded(
  src: Float64Array,
  r0: number,
  r1: number,
  lIn: number,
  c0: number,
  l: number,
  dst: Float64Array,
  base: number,
  stride: number,
): void {
  for (let r = r0; r < r1; r++) {
    const s = r * lIn + c0;
    const d = base + (r - r0) * stride;
    for (let c = 0; c < l; c++) dst[d + c] = src[s + c];
    for (let c = l; c < stride; c++) dst[d + c] = 0;
  }
}

/** `rows` of l values (stride `stride` from `base`) into `dst` from `at`, rows lOut apart. */
function unpad(
  src: Float64Array,
  base: number,
  rows: number,
  stride: number,
  dst: Float64Array,
  at: number,
  lOut: number,
  l: number,
): void {
  for (let r = 0; r < rows; r++) {
    const s = base + r * stride;
    const d = at + r * lOut;
    for (let c = 0; c < l; c++) dst[d + c] = src[s + c];
  }
}
