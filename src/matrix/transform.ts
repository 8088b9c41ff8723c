import { assertUnreachable } from '../util/errors.js';
import { fitBaseline, residualMatrix } from './baseline.js';
import type { CsrMatrix } from './csr.js';

export type MatrixKind = 'ratings' | 'binary' | 'centered' | 'residual';
export const matrixKinds: readonly MatrixKind[] = ['ratings', 'binary', 'centered', 'residual'];

/**
 * The matrix k-means sees.
 * - ratings: the rating, not rated = 0 (the original's choice: "not rated" reads as "0 stars").
 * - binary: 1 where rated (the original's second variant); stored without values.
 * - centered: each customer's ratings minus that customer's mean rating, not rated = 0. A harsh and a generous
 *   rater with the same tastes land together, and "not rated" is neutral rather than a strong dislike.
 * - residual: r_ui - (mu + b_u + b_i), each rating minus the classic baseline prediction (global mean mu, the
 *   customer's bias b_u and the movie's bias b_i, regularised and fitted by alternating passes, see baseline.ts),
 *   not rated = 0, i.e. "as the baseline expects". What is left is taste: liking a movie more or less than its
 *   reputation and one's own habits predict. Here the biases are fitted on `m` itself; a saved model keeps its
 *   movie biases so new customers are measured against the same baseline (see representation.ts).
 */
export function transformMatrix(m: CsrMatrix, kind: MatrixKind): CsrMatrix {
  switch (kind) {
    case 'ratings':
      return m;
    case 'binary':
      return { ...m, values: null };
    case 'centered':
      return centerRows(m);
    case 'residual':
      return residualMatrix(m, fitBaseline(m));
    default:
      return assertUnreachable(kind);
  }
}

export function centerRows(m: CsrMatrix): CsrMatrix {
  const { nRows, rowPtr, values } = m;
  const out = new Float32Array(rowPtr[nRows]);
  for (let i = 0; i < nRows; i++) {
    const start = rowPtr[i];
    const end = rowPtr[i + 1];
    if (end === start) continue;
    let s = 0;
    for (let p = start; p < end; p++) s += values === null ? 1 : values[p];
    const mean = s / (end - start);
    for (let p = start; p < end; p++) out[p] = (values === null ? 1 : values[p]) - mean;
  }
  return { ...m, values: out };
}

/** Rows with no stored entry (customers who rated none of the movies kept). */
export function countEmptyRows(m: CsrMatrix): number {
  let count = 0;
  for (let i = 0; i < m.nRows; i++) if (m.rowPtr[i + 1] === m.rowPtr[i]) count++;
  return count;
}
