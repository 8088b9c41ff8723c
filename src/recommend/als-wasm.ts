import { Code, encodeModule, instantiate } from '../util/wasm/encoder.js';
import { growTo, KERNEL_MEMORY, kernelMemory, PAGE } from '../util/wasm/memory.js';

/**
 * The O(n F^2) part of an ALS solve as WebAssembly SIMD, generated for the exact number of rows (factors + 1) and
 * chunk length so that every address is an immediate offset: `gather` copies a chunk of other-side vectors,
 * transposed, out of a copy of the other side's table; `accumulate` adds the chunk's Z'Z and Z'y to partial sums.
 *
 * Memory (one per thread, shared only so that growing it detaches nothing: see kernelMemory), in doubles unless said: the partial sums; the chunk, transposed (row a < rows
 * holds component a of the chunk's z's, row `rows` the targets y); the chunk's other-side indices (int32); the
 * other side's table (rows doubles per vector, grown on demand).
 *
 * The two lanes of an f64x2 are two ratings: lane 0 sums the even-numbered ratings of a vector, lane 1 the odd
 * ones, each in rating order whatever the chunking; the caller adds the lanes at the end. So the result depends
 * only on the vector's ratings (same bytes for any thread count), not on how they were cut into chunks.
 *
 * Z'Z is computed by 3 x 3 blocks of its upper triangle: an off-diagonal block is nine accumulators over six rows
 * (6 loads for 18 multiply-adds per pair of ratings); a diagonal block reads its three rows and y and accumulates
 * its six upper entries and three entries of Z'y (4 loads for 18). The accumulators stay in registers through the
 * chunk and are loaded from / stored to the partial sums once per chunk. Products with the bias row (ones) are adds.
 * Measured (20 factors, Xeon at 2.6 GHz, no FMA in WebAssembly SIMD): about 10 G multiply-adds per CPU second, where
 * the same blocks in JavaScript made 1.1 G; at the full df_p shape the kernel is about 55 % of the fit, the gather
 * 25 %, the JavaScript around them (copying indices, the Cholesky solves) 20 %.
 */
export interface AlsWasm {
  readonly rows: number;
  /** Ratings per chunk (even). */
  readonly chunk: number;
  /** Doubles from one row of the chunk to the next: the chunk plus a cache line, so that rows fall in different sets. */
  readonly stride: number;
  /**
   * Partial sums of Z'Z at 2 (a rows + b), of Z'y at 2 (rows^2 + a), each (lane 0, lane 1), then the chunk. This view
   * and `indices` are made again when loadOther grows the memory: take them after it.
   */
  readonly view: Float64Array;
  /** Doubles: where row a of the chunk starts is ztOffset + a stride (a = rows: the targets). */
  readonly ztOffset: number;
  /** The chunk's other-side indices, at 0.. of this view. */
  readonly indices: Int32Array;
  /** Copies the other side's table (rows doubles per vector) into the memory; gather reads it from there. */
  loadOther(other: Float64Array): void;
  /** For t < count: y_t = (row `rows` at t, the rating) - mu - other bias; z_t = the other vector's factors. */
  gather(count: number, mu: number): void;
  /** Adds ratings 0..count-1 of the chunk (count even, >= 2) to the partial sums. */
  accumulate(count: number): void;
}

/** Ratings per chunk: the chunk (22 rows of 136 doubles at 20 factors, 24 KB) stays in the first-level cache. */
const CHUNK = 128;
/** Doubles of padding after each row of the chunk: rows 1 KB apart would share first-level cache sets. */
const PAD = 8;
/** Ratings ahead whose vectors gather touches (measured at the full df_p shape: 4 to 12 gain about 20 %). */
const AHEAD = 12;

interface Layout {
  readonly rows: number;
  readonly chunk: number;
  readonly stride: number;
  /** Byte offsets. */
  readonly zt: number;
  readonly indices: number;
  readonly other: number;
}

function layout(rows: number, chunk: number, pad: number): Layout {
  const stride = chunk + pad;
  const zt = (rows * rows + rows) * 16;
  const indices = zt + (rows + 1) * stride * 8;
  const other = Math.ceil((indices + chunk * 4) / 16) * 16;
  return { rows, chunk, stride, zt, indices, other };
}

export function alsWasm(rows: number, chunk = CHUNK, pad = PAD): AlsWasm {
  const l = layout(rows, chunk, pad);
  const memory = kernelMemory(Math.ceil(l.other / PAGE));
  const exports = instantiate(alsModule(l), memory);
  const gather = exports.gather as (count: number, mu: number) => void;
  const accumulate = exports.accumulate as (bytes: number) => void;
  const k = {
    rows,
    chunk,
    stride: l.stride,
    view: new Float64Array(memory.buffer),
    indices: new Int32Array(memory.buffer, l.indices, chunk),
    ztOffset: l.zt / 8,
    loadOther(other: Float64Array) {
      const need = l.other + other.byteLength;
      if (memory.buffer.byteLength < need) {
        // a view keeps the length it was made with: made again over the grown buffer (the contents carry over)
        const buffer = growTo(memory, need);
        k.view = new Float64Array(buffer);
        k.indices = new Int32Array(buffer, l.indices, chunk);
      }
      k.view.set(other, l.other / 8);
    },
    gather,
    accumulate: (count: number) => accumulate(count * 8),
  };
  return k;
}

/** gather(count, mu); accumulate(bytes), bytes = 8 x the ratings of the chunk (a multiple of 16, > 0). */
function alsModule(l: Layout): Uint8Array {
  return encodeModule(
    [
      {
        name: 'gather',
        params: ['i32', 'f64'],
        results: [],
        locals: ['i32', 'i32', 'i32', 'i32'],
        code: gatherCode(l),
      },
      {
        name: 'accumulate',
        params: ['i32'],
        results: [],
        locals: ['i32', ...Array<'v128'>(13).fill('v128')],
        code: accumulateCode(l),
      },
    ],
    KERNEL_MEMORY,
  );
}

function gatherCode(l: Layout): Code {
  const { rows, stride } = l;
  const F = rows - 1;
  // locals: 0 count, 1 mu, 2 t8 (8 t: byte offset in a row), 3 t4 (4 t), 4 z (byte offset of the vector),
  // 5 the vector AHEAD ratings on
  const COUNT = 0;
  const MU = 1;
  const T8 = 2;
  const T4 = 3;
  const Z = 4;
  const NEXT = 5;
  const yRow = l.zt + rows * stride * 8;
  const c = new Code();
  c.block();
  c.localGet(COUNT).i32Eqz().brIf(0);
  c.loop();
  // touch the vector AHEAD ratings on (a load whose value is dropped: WebAssembly has no prefetch), so that its
  // lines are on their way while this one is copied: the movie side reads customer vectors from a table far
  // larger than the second-level cache
  c.block();
  c.localGet(T4)
    .i32Const(4 * AHEAD)
    .i32Add()
    .localGet(COUNT)
    .i32Const(2)
    .i32Shl()
    .i32GeU()
    .brIf(0);
  c.localGet(T4)
    .i32Load(l.indices + 4 * AHEAD)
    .i32Const(rows * 8)
    .i32Mul()
    .localSet(NEXT);
  const touches: number[] = [];
  for (let off = 0; off < rows * 8 - 8; off += 64) touches.push(off);
  touches.push(rows * 8 - 8);
  for (const off of touches)
    c.localGet(NEXT)
      .f64Load(l.other + off)
      .drop();
  c.end();
  c.localGet(T4)
    .i32Load(l.indices)
    .i32Const(rows * 8)
    .i32Mul()
    .localSet(Z);
  c.localGet(T8).localGet(T8).f64Load(yRow).localGet(MU).f64Sub();
  c.localGet(Z)
    .f64Load(l.other + F * 8)
    .f64Sub()
    .f64Store(yRow);
  for (let a = 0; a < F; a++)
    c.localGet(T8)
      .localGet(Z)
      .f64Load(l.other + a * 8)
      .f64Store(l.zt + a * stride * 8);
  c.localGet(T4).i32Const(4).i32Add().localSet(T4);
  c.localGet(T8).i32Const(8).i32Add().localTee(T8).localGet(COUNT).i32Const(3).i32Shl().i32LtU().brIf(0);
  c.end();
  c.end();
  return c;
}

function accumulateCode(l: Layout): Code {
  const { rows, stride } = l;
  const rowOffset = (a: number) => l.zt + a * stride * 8;
  const gramOffset = (a: number, b: number) => (a * rows + b) * 16;
  const rhsOffset = (a: number) => (rows * rows + a) * 16;
  // locals: 0 bytes (param), 1 p (byte offset of the rating pair), 2..10 accumulators, 11..13 x rows, 14 w row
  const BYTES = 0;
  const P = 1;
  const ACC = 2;
  const X = 11;
  const W = 14;
  const c = new Code();
  /** One loop over the chunk: load the accumulators, `body` per pair of ratings, store them. */
  const blockLoop = (offsets: number[], body: () => void) => {
    offsets.forEach((off, k) =>
      c
        .i32Const(0)
        .v128Load(off)
        .localSet(ACC + k),
    );
    c.i32Const(0).localSet(P);
    c.loop();
    body();
    c.localGet(P).i32Const(16).i32Add().localTee(P).localGet(BYTES).i32LtU().brIf(0);
    c.end();
    offsets.forEach((off, k) =>
      c
        .i32Const(0)
        .localGet(ACC + k)
        .v128Store(off),
    );
  };
  const loadRow = (row: number, into: number) => c.localGet(P).v128Load(rowOffset(row)).localSet(into);
  // row `bias` is the column of ones (0 in an odd chunk's zero pad, where the other row is 0 too): x * 1 = x exactly,
  // so a product with it is an add
  const bias = rows - 1;
  /** acc += (row i, in local x) * (row j, in local w), skipping the multiply when one of them is the bias row. */
  const madd = (acc: number, i: number, x: number, j: number, w: number) => {
    c.localGet(acc);
    if (i === bias && j !== bias) c.localGet(w);
    else if (j === bias) c.localGet(x);
    else c.localGet(x).localGet(w).f64x2Mul();
    c.f64x2Add().localSet(acc);
  };
  for (let a = 0; a < rows; a += 3) {
    const sa = Math.min(3, rows - a);
    // diagonal block: upper entries (i <= j) and Z'y, y in the W local
    const diag: number[] = [];
    for (let i = 0; i < sa; i++) for (let j = i; j < sa; j++) diag.push(gramOffset(a + i, a + j));
    for (let i = 0; i < sa; i++) diag.push(rhsOffset(a + i));
    blockLoop(diag, () => {
      for (let i = 0; i < sa; i++) loadRow(a + i, X + i);
      loadRow(rows, W);
      let k = ACC;
      for (let i = 0; i < sa; i++) for (let j = i; j < sa; j++) madd(k++, a + i, X + i, a + j, X + j);
      for (let i = 0; i < sa; i++) madd(k++, a + i, X + i, rows, W);
    });
    for (let b = a + 3; b < rows; b += 3) {
      const sb = Math.min(3, rows - b);
      const offs: number[] = [];
      for (let i = 0; i < sa; i++) for (let j = 0; j < sb; j++) offs.push(gramOffset(a + i, b + j));
      blockLoop(offs, () => {
        for (let i = 0; i < sa; i++) loadRow(a + i, X + i);
        for (let j = 0; j < sb; j++) {
          if (b + j !== bias) loadRow(b + j, W);
          for (let i = 0; i < sa; i++) madd(ACC + i * sb + j, a + i, X + i, b + j, W);
        }
      });
    }
  }
  return c;
}
