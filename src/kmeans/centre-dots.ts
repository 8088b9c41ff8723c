/**
 * The dot products of rows with every one of k centres, as a WebAssembly SIMD kernel generated per (k, binary,
 * index width): the passes that need every distance of a row (k-means++'s candidate passes, a Lloyd pass whose
 * bounds are not set yet, mini-batch steps) take them from here, 2.5-3x faster per (entry, centre) than the
 * generated JavaScript (first 20,000 customers of the generated df_p, k = 5..50). The centres are stored
 * transposed (`centersT[col * k + c]`), so an entry's k centre values are adjacent: two centres per f64x2
 * instruction, 8 per pass over the row with their sums in registers, no bounds checks.
 *
 * The bits are those of the JavaScript kernels (kernel-templates.ts dotSource): centre c's dot is `a + b`, a the
 * sum of `v * centre` over the row's even entries and b over its odd ones, in order, each product rounded before
 * its add (WebAssembly has no fused multiply-add). The callers then form `xn - 2 * dot + norm` as before.
 *
 * WebAssembly reads only its own memory. A matrix whose ratings were put in a WebAssembly memory (sharedCsrArrays,
 * shared.ts: the .csr and CSV readers' matrices, and any matrix the worker-thread runner shares) is read in place,
 * by every thread's kernels (`bind` with that memory). Otherwise a thread that makes many passes over the same rows
 * (a pass engine) copies them in once (`bind`: 6 bytes per rating, 4 for the binary matrix; each thread its own
 * share): copying a block per call costs about what 5 centres' products cost. Any other call (a mini-batch's rows)
 * copies its rows in. setCentres copies the centres once per pass. One instance per thread.
 */
import type { CsrMatrix } from '../matrix/csr.js';
import { Code, encodeModule, instantiate } from '../util/wasm/encoder.js';
import { entryAddress, entryValue, rowLoopHead } from '../util/wasm/csr-entries.js';
import {
  align16,
  arenaMemory,
  copyRowsIn,
  KERNEL_MEMORY,
  MAX_RESIDENT_BYTES,
  noRegion,
  regionFor,
  reserve,
  rowsCopyBytes,
  rowsInPlace,
  type Region,
} from '../util/wasm/memory.js';

type Kernel = (ptr: number, col: number, val: number, rows: number, centres: number, out: number) => void;
type TodoKernel = (row: number, col: number, val: number, centres: number, todo: number, out: number) => void;

/** What a bounded pass needs to have a row's few centres computed here (see CentreDots.todoDots). */
export interface TodoDots {
  /** kernels[n - 1](row, col, val, centres, todo, out): one row's dots with the n centres at todo, into out. */
  readonly kernels: readonly TodoKernel[];
  /** The address of row `first`'s offsets: row i's are at rowAt + (i - first) * 4. */
  readonly rowAt: number;
  readonly first: number;
  readonly colAt: number;
  readonly valAt: number;
  /** The centres one after another (centre c's column j at centresAt + (c * nCols + j) * 8). */
  readonly centresAt: number;
  /** Room for a row's centres to compute (k + 1), which the caller writes and the kernels read. */
  readonly todoAt: number;
  readonly todo: Int32Array;
  /** The kernels' dots. */
  readonly outAt: number;
  readonly out: Float64Array;
}

/** Centre pairs (f64x2) per pass over a row: 8 sums of each parity stay in registers. */
const BLOCK_PAIRS = 4;
/** The most run-time chosen centres per pass over a row (todoDots). */
export const TODO_BATCH = 4;

/** The kernel's parameters (byte addresses; the row count), then its locals. */
const enum Slot {
  Ptr,
  Col,
  Val,
  Rows,
  Centres,
  Out,
  I,
  P,
  End,
  Start,
  AddrA,
  AddrB,
  Vb,
  Va,
  Sums,
}

/**
 * For each of `rows` rows (offsets at ptr, relative to the copied entries): out[i * 2 pairs + c] = the row's dot
 * with centre c, for centres in [0, 2 pairs) (the padding centres are zero).
 */
function kernelCode(pairs: number, binary: boolean, wideIndex: boolean): Code {
  const strideBytes = pairs * 16;
  const c = new Code();
  const slots = { col: Slot.Col, val: Slot.Val, p: Slot.P };
  /** addr = centres + column of entry (p + plus) * stride */
  const address = (plus: number, slot: Slot): void =>
    entryAddress(c, slots, Slot.Centres, plus, strideBytes, wideIndex, slot);
  const value = (plus: number, slot: Slot): void => {
    if (!binary) entryValue(c, slots, plus, true, slot);
  };
  /** sums[slot] += v * centres at addr (pair j) */
  const accumulate = (sum: number, addr: Slot, v: Slot, pair: number): void => {
    c.localGet(sum)
      .localGet(addr)
      .v128Load(16 * pair);
    if (!binary) c.localGet(v).f64x2Mul();
    c.f64x2Add().localSet(sum);
  };
  const even = (j: number) => Slot.Sums + j;
  const odd = (j: number) => Slot.Sums + BLOCK_PAIRS + j;

  c.i32Const(0).localSet(Slot.I);
  c.block().loop();
  rowLoopHead(c, { i: Slot.I, rows: Slot.Rows, ptr: Slot.Ptr, addr: Slot.AddrA, start: Slot.Start, end: Slot.End });
  for (let g = 0; g < pairs; g += BLOCK_PAIRS) {
    const size = Math.min(BLOCK_PAIRS, pairs - g);
    for (let j = 0; j < size; j++) c.v128Const0().localSet(even(j)).v128Const0().localSet(odd(j));
    // the entries two at a time: p even, p + 1 odd
    c.localGet(Slot.Start).localSet(Slot.P);
    c.block().loop();
    c.localGet(Slot.P).i32Const(1).i32Add().localGet(Slot.End).i32GeU().brIf(1);
    address(0, Slot.AddrA);
    address(1, Slot.AddrB);
    value(0, Slot.Va);
    value(1, Slot.Vb);
    for (let j = 0; j < size; j++) {
      accumulate(even(j), Slot.AddrA, Slot.Va, g + j);
      accumulate(odd(j), Slot.AddrB, Slot.Vb, g + j);
    }
    c.localGet(Slot.P).i32Const(2).i32Add().localSet(Slot.P);
    c.br(0).end().end();
    // the last entry of an odd count is even
    c.block();
    c.localGet(Slot.P).localGet(Slot.End).i32GeU().brIf(0);
    address(0, Slot.AddrA);
    value(0, Slot.Va);
    for (let j = 0; j < size; j++) accumulate(even(j), Slot.AddrA, Slot.Va, g + j);
    c.end();
    // out row i, pairs g .. g + size: a + b
    c.localGet(Slot.Out).localGet(Slot.I).i32Const(strideBytes).i32Mul().i32Add().localSet(Slot.AddrA);
    for (let j = 0; j < size; j++)
      c.localGet(Slot.AddrA)
        .localGet(even(j))
        .localGet(odd(j))
        .f64x2Add()
        .v128Store(16 * (g + j));
  }
  c.localGet(Slot.I).i32Const(1).i32Add().localSet(Slot.I);
  c.br(0).end().end();
  return c;
}

/** The todo kernels' parameters (byte addresses), then their locals. */
const enum TodoSlot {
  Row,
  Col,
  Val,
  Centres,
  Todo,
  Out,
  P,
  End,
  AddrA,
  AddrB,
  /** TODO_BATCH (4) byte offsets of the row's centres. */
  Offsets,
  /** The last entry's value (f64) and the even sums (f64, TODO_BATCH). */
  Va = Offsets + TODO_BATCH,
  Even,
  /** An entry pair's values (f64x2), then each centre's (even, odd) sums (f64x2, TODO_BATCH). */
  Pair = Even + TODO_BATCH,
  Sums,
}

/** The todo kernels' locals after their parameters, in TodoSlot order. */
const todoLocals: readonly ('i32' | 'f64' | 'v128')[] = [
  ...Array.from({ length: 4 + TODO_BATCH }, () => 'i32' as const),
  ...Array.from({ length: 1 + TODO_BATCH }, () => 'f64' as const),
  ...Array.from({ length: 1 + TODO_BATCH }, () => 'v128' as const),
];

/**
 * The dots of one row (its offsets at `row`, relative to the copied entries) with `size` centres chosen at run
 * time (their indices at `todo`), into out[0 .. size), for the passes whose bounds leave a row a few centres to
 * compute (kernel-centre-bounds.ts). The centres are read one after another (CentreDots.byCentreAt), so they are
 * not adjacent: an entry pair's two products go in the two lanes of an f64x2 instead, the even entry's in lane 0
 * and the odd one's in lane 1. Those lanes are the even and odd sums of the other kernels, added in the same
 * order: the same bits, in about 0.8x the instructions of the scalar sums.
 */
function todoCode(size: number, nCols: number, binary: boolean, wideIndex: boolean): Code {
  const c = new Code();
  const slots = { col: TodoSlot.Col, val: TodoSlot.Val, p: TodoSlot.P };
  // the centres one after another (centre c's column j at centres + (c * nCols + j) * 8)
  const address = (plus: number, slot: TodoSlot): void =>
    entryAddress(c, slots, TodoSlot.Centres, plus, 8, wideIndex, slot);
  const centreAt = (addr: TodoSlot, j: number): void => {
    c.localGet(addr)
      .localGet(TodoSlot.Offsets + j)
      .i32Add();
  };
  const sums = (j: number) => TodoSlot.Sums + j;
  const even = (j: number) => TodoSlot.Even + j;
  c.localGet(TodoSlot.Row).i32Load().localSet(TodoSlot.P);
  c.localGet(TodoSlot.Row).i32Load(4).localSet(TodoSlot.End);
  for (let j = 0; j < size; j++) {
    c.localGet(TodoSlot.Todo)
      .i32Load(4 * j)
      .i32Const(nCols * 8)
      .i32Mul()
      .localSet(TodoSlot.Offsets + j);
    c.v128Const0().localSet(sums(j));
  }
  c.block().loop();
  c.localGet(TodoSlot.P).i32Const(1).i32Add().localGet(TodoSlot.End).i32GeU().brIf(1);
  address(0, TodoSlot.AddrA);
  address(1, TodoSlot.AddrB);
  if (!binary) {
    // entries p and p + 1's values, adjacent f32s
    c.localGet(TodoSlot.Val)
      .localGet(TodoSlot.P)
      .i32Const(2)
      .i32Shl()
      .i32Add()
      .v128Load64Zero()
      .f64x2PromoteLowF32x4()
      .localSet(TodoSlot.Pair);
  }
  for (let j = 0; j < size; j++) {
    // sums += (centre at entry p, centre at entry p + 1) [* values]
    c.localGet(sums(j));
    centreAt(TodoSlot.AddrB, j);
    centreAt(TodoSlot.AddrA, j);
    c.v128Load64Zero().v128Load64Lane(1);
    if (!binary) c.localGet(TodoSlot.Pair).f64x2Mul();
    c.f64x2Add().localSet(sums(j));
  }
  c.localGet(TodoSlot.P).i32Const(2).i32Add().localSet(TodoSlot.P);
  c.br(0).end().end();
  for (let j = 0; j < size; j++) c.localGet(sums(j)).f64x2ExtractLane(0).localSet(even(j));
  // the last entry of an odd count is even
  c.block();
  c.localGet(TodoSlot.P).localGet(TodoSlot.End).i32GeU().brIf(0);
  address(0, TodoSlot.AddrA);
  if (!binary) entryValue(c, slots, 0, false, TodoSlot.Va);
  for (let j = 0; j < size; j++) {
    c.localGet(even(j));
    centreAt(TodoSlot.AddrA, j);
    c.f64Load();
    if (!binary) c.localGet(TodoSlot.Va).f64Mul();
    c.f64Add().localSet(even(j));
  }
  c.end();
  for (let j = 0; j < size; j++)
    c.localGet(TodoSlot.Out)
      .localGet(even(j))
      .localGet(sums(j))
      .f64x2ExtractLane(1)
      .f64Add()
      .f64Store(8 * j);
  return c;
}

const moduleCache = new Map<string, Uint8Array>();

function moduleBytes(pairs: number, nCols: number, binary: boolean, wideIndex: boolean): Uint8Array {
  const key = `${pairs}:${nCols}:${binary}:${wideIndex}`;
  let bytes = moduleCache.get(key);
  if (bytes === undefined) {
    bytes = encodeModule(
      [
        {
          name: 'dots',
          params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32'],
          results: [],
          locals: [
            ...(['i32', 'i32', 'i32', 'i32', 'i32', 'i32'] as const),
            ...Array.from({ length: 2 + 2 * BLOCK_PAIRS }, () => 'v128' as const),
          ],
          code: kernelCode(pairs, binary, wideIndex),
        },
        ...Array.from({ length: TODO_BATCH }, (_, j) => ({
          name: `todo${j + 1}`,
          params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32'] as const,
          results: [],
          locals: todoLocals,
          code: todoCode(j + 1, nCols, binary, wideIndex),
        })),
      ],
      KERNEL_MEMORY,
    );
    moduleCache.set(key, bytes);
  }
  return bytes;
}

/** Rows r0..r1 of a matrix bound for good (bind): copied in, or read where they are. */
interface Resident {
  readonly m: CsrMatrix;
  readonly r0: number;
  readonly r1: number;
  readonly ptrAt: number;
  readonly colAt: number;
  readonly valAt: number;
}

/**
 * One thread's kernels and their regions of a wasm memory: the bound rows (or, in place, only their offsets); the
 * centres [nCols x stride doubles] [the same by centre, for the todo kernels] [todo scratch]; and a scratch region
 * for [dots: rows x stride] [a window's row offsets, columns, values]. setCentres, then any number of
 * rowDots/listDots/todoDots calls for those centres.
 *
 * The memory is the instance's own, or the one a matrix's ratings are in (sharedCsrArrays, shared.ts): then bound
 * rows are read in place, by every thread's instance, and nothing is copied.
 */
export class CentreDots {
  private readonly memory: WebAssembly.Memory;
  private readonly inPlace: boolean;
  private readonly kernels = new Map<string, WebAssembly.Exports>();
  private kernel: Kernel | null = null;
  private todoKernels: TodoKernel[] = [];
  private nCols = 0;
  private k = 0;
  private resident: Resident | null = null;
  private centres: Region = noRegion;
  private scratch: Region = noRegion;
  /** Doubles per row of dots: k rounded up to even. */
  stride = 0;

  /** With `matrixMemory` (csrMemoryOf of the matrices it will bind), bound rows are read there in place. */
  constructor(matrixMemory: WebAssembly.Memory | null = null) {
    this.memory = matrixMemory ?? arenaMemory();
    this.inPlace = matrixMemory !== null;
  }

  /**
   * Binds rows r0..r1 of m for good: later rowDots calls within them, and todoDots, copy nothing. In place when
   * the instance was made with m's memory; else copied in, unless they would take more than MAX_RESIDENT_BYTES
   * (then they stay windowed: slower, not wrong).
   */
  bind(m: CsrMatrix, r0: number, r1: number): void {
    const { rowPtr } = m;
    if (this.inPlace) {
      this.resident = { m, r0, r1, ...rowsInPlace(this.memory, m, rowPtr, r0, r1) };
      return;
    }
    const bytes = rowsCopyBytes(m, rowPtr[r1] - rowPtr[r0], r1 - r0);
    if (bytes > MAX_RESIDENT_BYTES) return;
    const copy = copyRowsIn(this.memory, m, rowPtr, r0, r1, reserve(this.memory, bytes));
    if (copy !== null) this.resident = { m, r0, r1, ...copy };
  }

  /** Copies the k centres (`centersT[col * k + c]`) in, each column's padded with zeros to the stride. */
  setCentres(m: CsrMatrix, centersT: Float64Array, k: number): void {
    const pairs = Math.ceil(k / 2);
    const stride = 2 * pairs;
    const wideIndex = m.colIdx.BYTES_PER_ELEMENT === 4;
    const key = `${pairs}:${m.nCols}:${m.values === null}:${wideIndex}`;
    let exports = this.kernels.get(key);
    if (exports === undefined) {
      exports = instantiate(moduleBytes(pairs, m.nCols, m.values === null, wideIndex), this.memory);
      this.kernels.set(key, exports);
    }
    this.kernel = exports.dots as Kernel;
    this.todoKernels = Array.from({ length: TODO_BATCH }, (_, j) => exports[`todo${j + 1}`] as TodoKernel);
    this.nCols = m.nCols;
    this.stride = stride;
    this.k = k;
    this.centres = regionFor(this.memory, this.centres, this.outAt() + stride * 8 - this.centres.at);
    const f64 = new Float64Array(this.buffer(), this.centres.at, m.nCols * stride);
    for (let j = 0, src = 0, dst = 0; j < m.nCols; j++, dst += stride) {
      for (let c = 0; c < k; c++) f64[dst + c] = centersT[src++];
      if (stride !== k) f64[dst + k] = 0;
    }
  }

  /** The centres set, copied again one after another (byCentreAt) for the todo kernels. */
  private copyByCentre(): void {
    const { nCols, stride, k } = this;
    const buffer = this.buffer();
    const from = new Float64Array(buffer, this.centres.at, nCols * stride);
    const to = new Float64Array(buffer, this.byCentreAt(), nCols * k);
    for (let c = 0, o = 0; c < k; c++) for (let j = 0, p = c; j < nCols; j++, p += stride) to[o++] = from[p];
  }

  /** The dots of rows [r0, r1): row r0 + r's dot with centre c at [r * stride + c] of the view returned. */
  rowDots(m: CsrMatrix, r0: number, r1: number): Float64Array {
    const res = this.resident;
    if (res !== null && res.m === m && res.r0 <= r0 && r1 <= res.r1) {
      this.scratch = regionFor(this.memory, this.scratch, (r1 - r0) * this.stride * 8);
      const dotsAt = this.scratch.at;
      this.kernel!(res.ptrAt + (r0 - res.r0) * 4, res.colAt, res.valAt, r1 - r0, this.centres.at, dotsAt);
      return new Float64Array(this.buffer(), dotsAt, (r1 - r0) * this.stride);
    }
    const { rowPtr } = m;
    const first = rowPtr[r0];
    const last = rowPtr[r1];
    const w = this.window(m, r1 - r0, last - first);
    for (let i = r0; i <= r1; i++) w.ptr[i - r0] = rowPtr[i] - first;
    w.cols.set(m.colIdx.subarray(first, last));
    if (m.values !== null) w.vals.set(m.values.subarray(first, last));
    return this.run(w, r1 - r0);
  }

  /** The dots of the listed rows, in list order (as rowDots). */
  listDots(m: CsrMatrix, rows: Int32Array): Float64Array {
    const { rowPtr, colIdx, values } = m;
    const count = rows.length;
    let entries = 0;
    for (let r = 0; r < count; r++) entries += rowPtr[rows[r] + 1] - rowPtr[rows[r]];
    const w = this.window(m, count, entries);
    const { ptr, cols, vals } = w;
    let at = 0;
    for (let r = 0; r < count; r++) {
      ptr[r] = at;
      const row = rows[r];
      const end = rowPtr[row + 1];
      for (let p = rowPtr[row]; p < end; p++, at++) cols[at] = colIdx[p];
      if (values !== null) for (let p = rowPtr[row], q = ptr[r]; p < end; p++, q++) vals[q] = values[p];
    }
    ptr[count] = at;
    return this.run(w, count);
  }

  private run(w: Window, rows: number): Float64Array {
    this.kernel!(w.ptrAt, w.colAt, w.valAt, rows, this.centres.at, w.dotsAt);
    return new Float64Array(w.buffer, w.dotsAt, rows * this.stride);
  }

  /** Room for `rows` rows of `entries` ratings in the scratch region, and views of it. */
  private window(m: CsrMatrix, rows: number, entries: number): Window {
    const ptrRel = align16(rows * this.stride * 8);
    const colRel = align16(ptrRel + (rows + 1) * 4);
    const valRel = align16(colRel + entries * m.colIdx.BYTES_PER_ELEMENT);
    this.scratch = regionFor(this.memory, this.scratch, valRel + entries * 4);
    const dotsAt = this.scratch.at;
    const ptrAt = dotsAt + ptrRel;
    const colAt = dotsAt + colRel;
    const valAt = dotsAt + valRel;
    const buffer = this.buffer();
    return {
      buffer,
      dotsAt,
      ptrAt,
      colAt,
      valAt,
      ptr: new Int32Array(buffer, ptrAt, rows + 1),
      cols:
        m.colIdx.BYTES_PER_ELEMENT === 4
          ? new Int32Array(buffer, colAt, entries)
          : new Uint16Array(buffer, colAt, entries),
      vals: new Float32Array(buffer, valAt, m.values === null ? 0 : entries),
    };
  }

  /**
   * For a pass over bound rows from `first` on, after setCentres: the kernels and addresses that compute one row's
   * dots with a few centres (the row's offsets must be resident). Null when rows from `first` are not bound.
   */
  todoDots(m: CsrMatrix, first: number): TodoDots | null {
    const res = this.resident;
    if (res === null || res.m !== m || first < res.r0 || first > res.r1) return null;
    this.copyByCentre();
    const todoAt = this.todoAt();
    const outAt = this.outAt();
    const buffer = this.buffer();
    return {
      kernels: this.todoKernels,
      rowAt: res.ptrAt + (first - res.r0) * 4,
      first,
      colAt: res.colAt,
      valAt: res.valAt,
      centresAt: this.byCentreAt(),
      todoAt,
      todo: new Int32Array(buffer, todoAt, this.stride + 1),
      outAt,
      out: new Float64Array(buffer, outAt, this.stride),
    };
  }

  /** The memory's current buffer (a SharedArrayBuffer: views made before a grow stay valid). */
  private buffer(): ArrayBuffer {
    return this.memory.buffer as unknown as ArrayBuffer;
  }

  /**
   * The centres again, one after another, for the todo kernels: a row's few centres are then each 8 x nCols
   * contiguous bytes (43 kB for df_p's 5,332 movies: in the core's first-level cache), where the transposed
   * centres scatter them over k x that; the todo kernels run about 1.5x faster so.
   */
  private byCentreAt(): number {
    return this.centres.at + align16(this.nCols * this.stride * 8);
  }

  private todoAt(): number {
    return this.byCentreAt() + align16(this.nCols * this.stride * 8);
  }

  /** After the centres and the todo indices (k + 1), room for k dots. */
  private outAt(): number {
    return align16(this.todoAt() + (this.stride + 1) * 4);
  }
}

interface Window {
  readonly buffer: ArrayBuffer;
  readonly dotsAt: number;
  readonly ptrAt: number;
  readonly colAt: number;
  readonly valAt: number;
  readonly ptr: Int32Array;
  readonly cols: Int32Array | Uint16Array;
  readonly vals: Float32Array;
}
