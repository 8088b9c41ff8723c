import { makeColIdx, type CsrMatrix } from '../matrix/csr.js';

/** How the columns (movies) of an input line up with the columns of a saved model. */
export interface ColumnMap {
  /** Model column of each input column; -1 for a movie the model does not know. */
  readonly toModel: Int32Array;
  readonly nModelCols: number;
  /** Input movies that are also model movies. */
  readonly matchedMovies: number;
  /** Input movies the model does not know: their ratings are dropped. */
  readonly unknownMovies: number;
  /** Model movies the input does not have: every input customer counts as not having rated them. */
  readonly absentModelMovies: number;
  /** True when the kept input columns map to ascending model columns, so remapped rows stay sorted as they are. */
  readonly monotone: boolean;
  /** True when input and model have the same movies in the same order: the input is used as it is. */
  readonly identity: boolean;
}

export function mapColumns(inputMovieIds: ArrayLike<number>, modelMovieIds: ArrayLike<number>): ColumnMap {
  const modelColumn = new Map<number, number>();
  for (let j = 0; j < modelMovieIds.length; j++) modelColumn.set(modelMovieIds[j], j);
  const toModel = new Int32Array(inputMovieIds.length);
  let matched = 0;
  let monotone = true;
  let last = -1;
  let identity = inputMovieIds.length === modelMovieIds.length;
  for (let j = 0; j < inputMovieIds.length; j++) {
    const target = modelColumn.get(inputMovieIds[j]) ?? -1;
    toModel[j] = target;
    if (target !== j) identity = false;
    if (target < 0) continue;
    matched++;
    if (target < last) monotone = false;
    last = target;
  }
  return {
    toModel,
    nModelCols: modelMovieIds.length,
    matchedMovies: matched,
    unknownMovies: inputMovieIds.length - matched,
    absentModelMovies: modelMovieIds.length - matched,
    monotone,
    identity,
  };
}

export interface RemappedMatrix {
  /** The input's rows in the model's column space. */
  readonly matrix: CsrMatrix;
  /** Ratings of movies the model does not know, dropped. */
  readonly droppedRatings: number;
}

/**
 * The input rows re-indexed into the model's columns: ratings of unknown movies are dropped, model movies the input
 * lacks simply have no entries. Two passes over the CSR (count, fill); nothing dense.
 */
export function remapColumns(m: CsrMatrix, map: ColumnMap): RemappedMatrix {
  // the common case (the model was fitted on this very file): no copy, which at full shape saves ~430 MB
  if (map.identity) return { matrix: m, droppedRatings: 0 };
  const { nRows, rowPtr, colIdx, values } = m;
  const toModel = map.toModel;
  const outPtr = new Float64Array(nRows + 1);
  for (let i = 0; i < nRows; i++) {
    let kept = 0;
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) if (toModel[colIdx[p]] >= 0) kept++;
    outPtr[i + 1] = outPtr[i] + kept;
  }
  const total = outPtr[nRows];
  const outCol = makeColIdx(map.nModelCols, total);
  const outVal = values === null ? null : new Float32Array(total);
  let q = 0;
  for (let i = 0; i < nRows; i++) {
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) {
      const target = toModel[colIdx[p]];
      if (target < 0) continue;
      outCol[q] = target;
      if (outVal !== null) outVal[q] = values![p];
      q++;
    }
  }
  const matrix: CsrMatrix = { nRows, nCols: map.nModelCols, rowPtr: outPtr, colIdx: outCol, values: outVal };
  // the CSR promise is ascending columns per row; only a model whose movie order differs from the input's breaks it
  if (!map.monotone) sortRows(matrix);
  return { matrix, droppedRatings: rowPtr[nRows] - total };
}

/** Sorts each row's entries by column, in place. Only for the rare model saved in another movie order. */
function sortRows(m: CsrMatrix): void {
  const { nRows, rowPtr, colIdx, values } = m;
  let order = new Int32Array(0);
  let cols = new Int32Array(0);
  let vals = new Float32Array(0);
  for (let i = 0; i < nRows; i++) {
    const start = rowPtr[i];
    const len = rowPtr[i + 1] - start;
    if (len > order.length) {
      order = new Int32Array(len);
      cols = new Int32Array(len);
      vals = new Float32Array(len);
    }
    for (let t = 0; t < len; t++) {
      order[t] = t;
      cols[t] = colIdx[start + t];
      if (values !== null) vals[t] = values[start + t];
    }
    order.subarray(0, len).sort((a, b) => cols[a] - cols[b]);
    for (let t = 0; t < len; t++) {
      colIdx[start + t] = cols[order[t]];
      if (values !== null) values[start + t] = vals[order[t]];
    }
  }
}
