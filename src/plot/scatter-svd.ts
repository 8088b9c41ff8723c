import type { CsrMatrix } from '../matrix/csr.js';
import { randomizedSvd } from '../matrix/svd.js';
import type { MatrixKind } from '../matrix/transform.js';
import { messages } from '../messages.js';
import type { ScatterCoordinates } from './scatter.js';

/**
 * The scatter plot without genres: each customer's first two SVD coordinates (A V, see svd.ts), the plane that
 * keeps most of the matrix's squared norm, so that customers far apart in the picture rate differently.
 */

/** The two coordinates drawn; the Krylov block beyond them (oversample) is what makes them accurate. */
export const scatterSvdDims = 2;

export interface SvdPoints {
  /** Rows of the customers drawn: every row with a non-zero value. */
  readonly rows: Int32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** sigma_d^2 / ||A||_F^2 for the two coordinates. */
  readonly shares: readonly [number, number];
  /** Customers left out: their row is all zeros, so both coordinates are exactly 0 whatever the data. */
  readonly zeroRows: number;
}

export interface SvdPointOptions {
  readonly seed: number;
  readonly powerIterations: number;
  readonly threads: number;
}

/** Callers validate min(nRows, nCols) >= 2. Same seed, same bits whatever the threads (randomizedSvd's promise). */
export async function svdPoints(m: CsrMatrix, options: SvdPointOptions): Promise<SvdPoints> {
  const svd = await randomizedSvd(m, scatterSvdDims, options);
  const { nRows, rowPtr, values } = m;
  const dims = svd.dims;
  const rows: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < nRows; i++) {
    let zero = true;
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end && zero; p++) if (values === null || values[p] !== 0) zero = false;
    if (zero) continue;
    rows.push(i);
    xs.push(svd.userFactors[i * dims]);
    ys.push(svd.userFactors[i * dims + 1]);
  }
  const share = (d: number) =>
    svd.squaredNorm > 0 ? (svd.singularValues[d] * svd.singularValues[d]) / svd.squaredNorm : 0;
  return {
    rows: Int32Array.from(rows),
    x: Float64Array.from(xs),
    y: Float64Array.from(ys),
    shares: [share(0), share(1)],
    zeroRows: nRows - rows.length,
  };
}

/** "SVD 1 (12.3% of the squared norm)": which direction, and how much of the matrix it carries. */
export function svdAxisTitle(d: number, share: number): string {
  return `SVD ${d} (${(100 * share).toFixed(1)}% of the squared norm)`;
}

/** The customers' first two SVD coordinates of the `kind` matrix; axes data-driven (the coordinates have no fixed range). */
export async function svdCoordinates(
  m: CsrMatrix,
  kind: MatrixKind,
  options: SvdPointOptions,
): Promise<ScatterCoordinates> {
  const p = await svdPoints(m, options);
  return {
    rows: p.rows,
    x: p.x,
    y: p.y,
    title: `First two SVD coordinates of the ${kind} matrix, by cluster`,
    xTitle: svdAxisTitle(1, p.shares[0]),
    yTitle: svdAxisTitle(2, p.shares[1]),
    leftOut: p.zeroRows === 0 ? [] : [messages.scatterSvdLeftOut(p.zeroRows, kind)],
  };
}
