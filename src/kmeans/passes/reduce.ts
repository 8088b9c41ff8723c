/**
 * The caller's side of a pass: block results added in block order, so that the totals do not depend on which
 * thread computed which block. Shared by the serial and the worker-thread runner.
 */

/** Sum of the first `nBlocks` block values, in block order. */
export function sumInBlockOrder(blockValues: Float64Array, nBlocks: number): number {
  let total = 0;
  for (let b = 0; b < nBlocks; b++) total += blockValues[b];
  return total;
}

/** totals[c] = sum over blocks, in block order, of blockValues[b * width + c]. */
export function sumRowsInBlockOrder(
  blockValues: Float64Array,
  nBlocks: number,
  width: number,
  totals: Float64Array,
): void {
  totals.fill(0);
  for (let b = 0; b < nBlocks; b++) {
    const base = b * width;
    for (let c = 0; c < width; c++) totals[c] += blockValues[base + c];
  }
}

/** target = sum of the parts (exact sums: the order does not matter, see exact-sums.ts). */
export function sumParts(parts: readonly Float64Array[], target: Float64Array): void {
  target.set(parts[0]);
  for (let j = 1; j < parts.length; j++) addInto(target, parts[j]);
}

export function addInto(target: Float64Array, source: Float64Array): void {
  const len = target.length;
  for (let i = 0; i < len; i++) target[i] += source[i];
}
