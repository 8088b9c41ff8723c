import type { CsrMatrix } from '../matrix/csr.js';
import { rowSource } from './kernel-templates.js';

/**
 * When are cluster sums exact? A double holds every integer below 2^53 exactly, so if every value is a multiple of
 * 1/SCALE and the sum of all |values| times SCALE stays below 2^53, every partial sum of any subset of the values,
 * added and subtracted in any order, is exact. Ratings (whole stars, or halves) and the binary matrix qualify;
 * the centred transform does not. Exact sums let a runner keep its cluster sums from one pass to the next and only
 * move the rows that changed cluster (most rows stop moving after a few iterations), and let each thread keep its
 * own sums: the result is the same bits as a fresh sum in block order.
 */
const SCALE = 256;
const LIMIT = 2 ** 53 / SCALE;

export interface ValueScan {
  /** Every value of the rows scanned is a multiple of 1/SCALE. */
  readonly onGrid: boolean;
  /** Sum of |value| over the rows scanned. */
  readonly absSum: number;
}

/**
 * Row norms of rows [r0, r1) into xNorms (as rowSquaredNorms computes them) and the value scan of those rows, in
 * one pass over the values. Combine the scans of all row ranges with `sumsAreExact`.
 */
export function scanRows(m: CsrMatrix, r0: number, r1: number, xNorms: Float64Array): ValueScan {
  const { rowPtr, values } = m;
  if (values === null) {
    for (let i = r0; i < r1; i++) xNorms[i] = rowPtr[i + 1] - rowPtr[i];
    return { onGrid: true, absSum: rowPtr[r1] - rowPtr[r0] };
  }
  return scanKernel(rowPtr[r1] <= 0x7fffffff)(rowPtr, values, r0, r1, xNorms);
}

type ScanFn = (rowPtr: Float64Array, values: Float32Array, r0: number, r1: number, xNorms: Float64Array) => ValueScan;

const scanKernels = new Map<boolean, ScanFn>();

/**
 * The scan with int32 loop counters when the offsets allow (see offsetsFitInt32): a counter that may be either an
 * int32 or a double stays a double, so the two cases are two loops, generated from one template.
 */
function scanKernel(int32: boolean): ScanFn {
  let fn = scanKernels.get(int32);
  if (fn === undefined) {
    // fractional parts are >= 0, so their sum is 0 exactly when every value is on the grid (NaN makes it NaN)
    const source = `
  let fractions = 0;
  let absSum = 0;
  for (let i = r0; i < r1; i++) {
    ${rowSource(int32)}
    let s = 0;
    for (let p = start; p < end; p++) {
      const v = values[p];
      s += v * v;
      const scaled = v * ${SCALE};
      fractions += scaled - Math.floor(scaled);
      absSum += Math.abs(v);
    }
    xNorms[i] = s;
  }
  return { onGrid: fractions === 0, absSum };`;
    fn = new Function('rowPtr', 'values', 'r0', 'r1', 'xNorms', source) as ScanFn;
    scanKernels.set(int32, fn);
  }
  return fn;
}

export function sumsAreExact(scans: readonly ValueScan[]): boolean {
  let absSum = 0;
  for (const s of scans) {
    if (!s.onGrid) return false;
    absSum += s.absSum;
  }
  // absSum itself is rounded; the margin of 2 covers that
  return absSum * 2 < LIMIT;
}
