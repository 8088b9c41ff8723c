import type { CsrMatrix } from './csr.js';

/**
 * Boundaries of `parts` contiguous ranges of `nUnits` units of `unitRows` rows (k-means blocks, SVD chunks) with
 * about the same number of stored entries each: the work of a pass is proportional to entries, not rows. Every
 * range holds at least one unit.
 */
export function splitRowUnits(m: CsrMatrix, parts: number, nUnits: number, unitRows: number): number[] {
  const total = m.rowPtr[m.nRows];
  const bounds = [0];
  let b = 0;
  for (let j = 1; j < parts; j++) {
    const target = (total * j) / parts;
    // the first unit that starts at or past the target, leaving room for one unit per remaining part
    while (b < nUnits - (parts - j) && m.rowPtr[Math.min(m.nRows, b * unitRows)] < target) b++;
    b = Math.max(b, bounds[j - 1] + 1);
    bounds.push(b);
  }
  bounds.push(nUnits);
  return bounds;
}
