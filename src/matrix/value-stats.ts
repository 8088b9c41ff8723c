/**
 * One pass over stored ratings for what the readers need to know of them: the lowest and highest value, and whether
 * every value is a whole number or a multiple of 1/2 (the rating scale, inferredRatingRange), and whether any is NaN
 * (the .csr reader's check). Values that a reader put in a WebAssembly memory (shared.ts sharedCsrArrays: the .csr
 * reader, the parallel CSV reader) are scanned there in place, four float32 lanes per instruction: the full df_p
 * shape's 72 M ratings in 85 ms, where the JavaScript loop below takes 230 ms (and the two loops it replaced, the
 * scale's and the .csr check's, 360 + 130 ms), on the main thread of every run. The two give the same answers:
 * minimum, maximum, floor and doubling are exact in float32.
 */
import { defaultRatingRange, type RatingRange } from './rating-range.js';
import { Code, encodeModule, instantiate } from '../util/wasm/encoder.js';
import { arenaHolding, KERNEL_MEMORY, noRegion, regionFor, type Region } from '../util/wasm/memory.js';

export interface ValueStats {
  /** NaN when any value is NaN. */
  readonly min: number;
  readonly max: number;
  /** Every value v has floor(v) = v (meaningful when min and max are finite). */
  readonly whole: boolean;
  /** Every value is a multiple of 1/2 (likewise). */
  readonly half: boolean;
}

/** The stats of values[0 .. count), or null when count is 0. */
export function valueStats(values: Float32Array, count = values.length): ValueStats | null {
  if (count === 0) return null;
  const memory = arenaHolding(values.buffer);
  const steps = Math.floor(count / (4 * LANES));
  if (memory === null || steps === 0) return jsStats(values, 0, count, null);
  const scan = scanner(memory);
  const vectors = LANES * ACCUMULATORS;
  scan.out = regionFor(memory, scan.out, vectors * 16);
  const at = scan.out.at;
  // each set of lanes starts from +-Infinity (min, max) and all ones (the masks)
  const lanes = new Float32Array(memory.buffer, at, vectors * 4);
  const masks = new Int32Array(memory.buffer, at, vectors * 4);
  for (let set = 0; set < LANES; set++) {
    const o = set * ACCUMULATORS * 4;
    lanes.fill(Infinity, o, o + 4);
    lanes.fill(-Infinity, o + 4, o + 8);
    masks.fill(-1, o + 8, o + 20);
  }
  scan.fn(values.byteOffset, steps, at);
  let min = Infinity;
  let max = -Infinity;
  let whole = -1;
  let half = -1;
  let numbers = -1;
  for (let set = 0; set < LANES; set++) {
    const o = set * ACCUMULATORS * 4;
    for (let lane = 0; lane < 4; lane++) {
      min = Math.min(min, lanes[o + lane]);
      max = Math.max(max, lanes[o + 4 + lane]);
      whole &= masks[o + 8 + lane];
      half &= masks[o + 12 + lane];
      numbers &= masks[o + 16 + lane];
    }
  }
  const nan = numbers !== -1;
  const lanesStats: ValueStats = {
    min: nan ? Number.NaN : min,
    max: nan ? Number.NaN : max,
    whole: whole === -1,
    half: half === -1,
  };
  return jsStats(values, steps * LANES * 4, count, lanesStats);
}

/** The stats of values[from .. to) combined with `sofar` (the same answers as the kernel's lanes). */
function jsStats(values: Float32Array, from: number, to: number, sofar: ValueStats | null): ValueStats {
  let lo = sofar === null ? Infinity : sofar.min;
  let hi = sofar === null ? -Infinity : sofar.max;
  let nan = false;
  // fractional parts are >= 0, so a sum of 0 means every value is on the grid (an infinite value makes it NaN,
  // and min or max infinite)
  let offWhole = 0;
  let offHalf = 0;
  for (let p = from; p < to; p++) {
    const v = values[p];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (v !== v) nan = true;
    offWhole += v - Math.floor(v);
    const t = 2 * v;
    offHalf += t - Math.floor(t);
  }
  return {
    min: nan ? Number.NaN : lo,
    max: nan ? Number.NaN : hi,
    whole: offWhole === 0 && (sofar === null || sofar.whole),
    half: offHalf === 0 && (sofar === null || sofar.half),
  };
}

/**
 * The scale of freshly read data: the given --rating-range, else the one its ratings show (inferredRatingRange),
 * else the default.
 */
export function resolveRatingRange(
  given: RatingRange | undefined,
  m: { readonly values: Float32Array | null },
  stats?: ValueStats | null,
): RatingRange {
  return given ?? inferredRatingRange(m, stats) ?? defaultRatingRange;
}

/**
 * The scale the stored ratings show: the usual star scales when they fit one (whole stars within 1..5 -> 1..5,
 * the Netflix and MovieLens 100k/1M scale; half stars within 0.5..5 -> 0.5..5, ml-latest's), so that a sample
 * without a single 1 or 0.5 still gets its scale; otherwise the range they span. Null when there are none. `stats`:
 * the values' valueStats when the caller has them already.
 */
export function inferredRatingRange(
  m: { readonly values: Float32Array | null },
  stats: ValueStats | null = m.values === null ? null : valueStats(m.values),
): RatingRange | null {
  if (stats === null) return null;
  const { min, max, whole, half } = stats;
  if (whole && min >= 1 && max <= 5) return { min: 1, max: 5 };
  if (half && min >= 0.5 && max <= 5) return { min: 0.5, max: 5 };
  return { min: min === 0 ? 0 : min, max: max === 0 ? 0 : max };
}

interface Scanner {
  readonly fn: (at: number, steps: number, out: number) => void;
  out: Region;
}

const scanners = new WeakMap<WebAssembly.Memory, Scanner>();
let bytes: Uint8Array | null = null;

function scanner(memory: WebAssembly.Memory): Scanner {
  let s = scanners.get(memory);
  if (s === undefined) {
    bytes ??= encodeModule(
      [
        {
          name: 'scan',
          params: ['i32', 'i32', 'i32'],
          results: [],
          locals: [
            'i32',
            'i32',
            'v128',
            'v128',
            ...Array.from({ length: LANES * ACCUMULATORS }, () => 'v128' as const),
          ],
          code: scanCode(),
        },
      ],
      KERNEL_MEMORY,
    );
    s = { fn: instantiate(bytes, memory).scan as Scanner['fn'], out: noRegion };
    scanners.set(memory, s);
  }
  return s;
}

/** Vectors per loop step, each with its own accumulators (independent chains of dependent instructions). */
const LANES = 2;
const ACCUMULATORS = 5;

const enum Slot {
  At,
  Steps,
  Out,
  I,
  Addr,
  V,
  T,
  /** LANES sets of ACCUMULATORS: min, max, whole, half, numbers. */
  Acc,
}

/**
 * scan(at, steps, out): over steps x LANES float32x4 from byte address `at`, the lane-wise minimum and maximum of
 * the values that are not NaN, and the masks of lanes where every v = floor(v), every 2v = floor(2v) and every
 * v = v (no NaN), carried on from and stored back to the LANES x 5 vectors at out (min, max, whole, half, numbers
 * for each of the LANES vectors of a step).
 */
function scanCode(): Code {
  const c = new Code();
  const acc = (set: number, j: number) => Slot.Acc + set * ACCUMULATORS + j;
  const slots = Array.from({ length: LANES * ACCUMULATORS }, (_, q) => Slot.Acc + q);
  slots.forEach((slot, q) =>
    c
      .localGet(Slot.Out)
      .v128Load(16 * q)
      .localSet(slot),
  );
  c.i32Const(0).localSet(Slot.I);
  c.block().loop();
  c.localGet(Slot.I).localGet(Slot.Steps).i32GeU().brIf(1);
  c.localGet(Slot.At)
    .localGet(Slot.I)
    .i32Const(4 + Math.log2(LANES))
    .i32Shl()
    .i32Add()
    .localSet(Slot.Addr);
  for (let set = 0; set < LANES; set++) {
    const [min, max, whole, half, numbers] = [0, 1, 2, 3, 4].map((j) => acc(set, j));
    c.localGet(Slot.Addr)
      .v128Load(16 * set)
      .localSet(Slot.V);
    // pmin(min, v) is v < min ? v : min: a NaN v leaves min as it is (the numbers mask records it)
    c.localGet(min).localGet(Slot.V).f32x4Pmin().localSet(min);
    c.localGet(max).localGet(Slot.V).f32x4Pmax().localSet(max);
    c.localGet(whole).localGet(Slot.V).localGet(Slot.V).f32x4Floor().f32x4Eq().v128And().localSet(whole);
    c.localGet(Slot.V).localGet(Slot.V).f32x4Add().localSet(Slot.T);
    c.localGet(half).localGet(Slot.T).localGet(Slot.T).f32x4Floor().f32x4Eq().v128And().localSet(half);
    c.localGet(numbers).localGet(Slot.V).localGet(Slot.V).f32x4Eq().v128And().localSet(numbers);
  }
  c.localGet(Slot.I).i32Const(1).i32Add().localSet(Slot.I);
  c.br(0).end().end();
  slots.forEach((slot, q) =>
    c
      .localGet(Slot.Out)
      .localGet(slot)
      .v128Store(16 * q),
  );
  return c;
}
