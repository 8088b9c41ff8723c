import type { CsrMatrix } from '../matrix/csr.js';
import { baselinePredict, type Baseline } from '../matrix/baseline.js';

/**
 * Per movie and cluster, the cluster's shrunk mean residual over the baseline:
 *   d(c, i) = sum over the cluster's raters u of (r_ui - mu - b_u - b_i), divided by (n + lambda).
 * A cluster that likes a movie more than its members' and the movie's biases predict adds that; with few raters
 * the shrinkage keeps it near 0, i.e. near the baseline.
 */
export interface ClusterResiduals {
  readonly k: number;
  /** `[col * k + cluster]`, as the k-means centres are laid out. */
  readonly shrunkT: Float64Array;
  /** Raters of each (movie, cluster). */
  readonly countsT: Float64Array;
}

export function clusterResiduals(
  m: CsrMatrix,
  b: Baseline,
  labels: Int32Array,
  k: number,
  lambda: number,
): ClusterResiduals {
  const { nRows, nCols, rowPtr, colIdx, values } = m;
  const shrunkT = new Float64Array(nCols * k);
  const countsT = new Float64Array(nCols * k);
  for (let i = 0; i < nRows; i++) {
    const c = labels[i];
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) {
      const j = colIdx[p];
      const at = j * k + c;
      shrunkT[at] += (values === null ? 1 : values[p]) - baselinePredict(b, i, j);
      countsT[at] += 1;
    }
  }
  for (let at = 0; at < shrunkT.length; at++) {
    const w = countsT[at] + lambda;
    shrunkT[at] = w > 0 ? shrunkT[at] / w : 0;
  }
  return { k, shrunkT, countsT };
}
