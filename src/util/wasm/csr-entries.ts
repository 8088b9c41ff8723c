/**
 * The instructions a kernel reads CSR rows with (a row's range of entries; an entry's column's row of a dense
 * table, its value), shared by the kernels over a matrix's rows (kmeans/centre-dots.ts,
 * matrix/svd/product-wasm.ts). The rows are laid out as copyRowsIn (memory.ts) copies them: int32 row offsets,
 * u16 or i32 columns, f32 values.
 */
import type { Code } from './encoder.js';

/** The locals holding the columns' and values' addresses and the entry index p. */
export interface EntrySlots {
  readonly col: number;
  readonly val: number;
  readonly p: number;
}

/** local `into` = local `base` + (column of entry p + plus) x strideBytes: that column's row of a dense table. */
export function entryAddress(
  c: Code,
  s: EntrySlots,
  base: number,
  plus: number,
  strideBytes: number,
  wideIndex: boolean,
  into: number,
): void {
  c.localGet(base).localGet(s.col).localGet(s.p);
  if (plus !== 0) c.i32Const(plus).i32Add();
  c.i32Const(wideIndex ? 2 : 1)
    .i32Shl()
    .i32Add();
  if (wideIndex) c.i32Load();
  else c.i32Load16U();
  c.i32Const(strideBytes).i32Mul().i32Add().localSet(into);
}

/** local `into` = the value of entry p + plus as an f64, in both lanes of an f64x2 with `splat`. */
export function entryValue(c: Code, s: EntrySlots, plus: number, splat: boolean, into: number): void {
  c.localGet(s.val).localGet(s.p);
  if (plus !== 0) c.i32Const(plus).i32Add();
  c.i32Const(2).i32Shl().i32Add();
  // splat: the f32 into every lane, then the low two as f64 (one instruction fewer than load, promote, splat)
  if (splat) c.v128Load32Splat().f64x2PromoteLowF32x4();
  else c.f32Load().f64PromoteF32();
  c.localSet(into);
}

/** The locals of a loop over rows: its counter and count, the rows' offsets, and where row i's range goes. */
export interface RowSlots {
  readonly i: number;
  readonly rows: number;
  readonly ptr: number;
  /** Scratch: the address of row i's offset. */
  readonly addr: number;
  readonly start: number;
  readonly end: number;
}

/**
 * The head of a loop over rows, inside the caller's `block` and `loop`: leaves the block (depth 1) when local i >=
 * rows, else sets start and end to row i's entries from its int32 offsets at ptr (as copyRowsIn writes them).
 */
export function rowLoopHead(c: Code, s: RowSlots): void {
  c.localGet(s.i).localGet(s.rows).i32GeU().brIf(1);
  c.localGet(s.ptr).localGet(s.i).i32Const(2).i32Shl().i32Add().localTee(s.addr).i32Load().localSet(s.start);
  c.localGet(s.addr).i32Load(4).localSet(s.end);
}
