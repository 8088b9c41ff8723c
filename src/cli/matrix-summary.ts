import { nnz } from '../matrix/csr.js';
import type { FittedRepresentation, Representation } from '../matrix/representation.js';
import { countEmptyRows } from '../matrix/transform.js';

/** What every command that clusters reports about its input: the file, and the points k-means saw. */
export interface MatrixSummary {
  input: string;
  matrix: string;
  rows: number;
  cols: number;
  nnz: number;
  emptyRows: number;
  /** How the customers became points (matrix kind, embedding, normalize); absent = the plain matrix. */
  representation?: FittedRepresentation;
  /** Customers whose points are all zeros (see messages.zeroRowsNote). */
  zeroRows?: number;
}

/** The summary of `rep` built from the `matrix` kind of the ratings read from `input`. */
export function matrixSummary(input: string, matrix: string, rep: Representation): MatrixSummary {
  return {
    input,
    matrix,
    rows: rep.points.nRows,
    cols: rep.transformed.nCols,
    nnz: nnz(rep.transformed),
    emptyRows: countEmptyRows(rep.transformed),
    representation: rep.fitted,
    zeroRows: rep.zeroRows,
  };
}

/** The input and matrix fields of a command's `--json`, in the order every command writes them. */
export function matrixSummaryJson(s: MatrixSummary): Record<string, unknown> {
  return { input: s.input, matrix: s.matrix, rows: s.rows, cols: s.cols, nnz: s.nnz, emptyRows: s.emptyRows };
}
