import type { CsrMatrix } from '../matrix/csr.js';
import { centerSquaredNorms } from '../matrix/norms.js';
import { toRowMajor } from './layout.js';
import type { PassRunner } from './passes/work.js';

/**
 * The last E-step of a fit (Lloyd's or mini-batch): every row's label and distance for the final centres, so the
 * labels belong to the returned centres and the inertia is measured on every row; then the cluster sizes and the
 * centres row-major.
 */
export async function finalAssignment(
  passes: PassRunner,
  m: CsrMatrix,
  centersT: Float64Array,
  k: number,
  labels: Int32Array,
  minDist: Float64Array,
  cNorms: Float64Array<ArrayBuffer> = new Float64Array(k),
): Promise<{ labels: Int32Array; centers: Float64Array; inertia: number; sizes: number[] }> {
  centerSquaredNorms(centersT, k, cNorms);
  const inertia = await passes.lloydPass({ centersT, cNorms, k, labels, minDist, sumsT: null, counts: null });
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) sizes[labels[i]]++;
  return { labels, centers: toRowMajor(centersT, k, m.nCols), inertia, sizes };
}
