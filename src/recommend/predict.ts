import type { CsrMatrix, RatingsData } from '../matrix/csr.js';
import { countEmptyRows } from '../matrix/transform.js';
import { applyRepresentation } from '../matrix/representation.js';
import { centerSquaredNorms } from '../kmeans/kernels.js';
import type { KMeansModel } from '../kmeans/model.js';
import { SerialRunner } from '../kmeans/serial-runner.js';
import { messages } from '../messages.js';
import { dataError } from '../util/errors.js';
import { mapColumns, remapColumns, type ColumnMap } from './columns.js';

export interface Assignment {
  /** Nearest centre of each row, 0..k-1 (the lower index on ties, as in fit). */
  readonly labels: Int32Array;
  /** Squared distance of each row to its centre. */
  readonly distances: Float64Array;
  readonly inertia: number;
  readonly sizes: number[];
}

/**
 * One Lloyd E-step against fixed centres: the same kernel and block order as the last pass of fit, so a model's
 * own training rows get exactly the labels fit wrote. `centers` is k rows of m.nCols numbers.
 */
export async function assignToCenters(m: CsrMatrix, centers: readonly (readonly number[])[]): Promise<Assignment> {
  const k = centers.length;
  const nCols = m.nCols;
  const centersT = new Float64Array(k * nCols);
  for (let c = 0; c < k; c++) {
    const row = centers[c];
    for (let j = 0; j < nCols; j++) centersT[j * k + c] = row[j];
  }
  const labels = new Int32Array(m.nRows);
  const distances = new Float64Array(m.nRows);
  const runner = new SerialRunner(m);
  const inertia = await runner.lloydPass(centersT, centerSquaredNorms(centersT, k), k, labels, distances, null, null);
  await runner.close();
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) sizes[labels[i]]++;
  return { labels, distances, inertia, sizes };
}

export interface PredictResult extends Assignment {
  readonly columns: ColumnMap;
  /** Ratings of movies unknown to the model, ignored. */
  readonly droppedRatings: number;
  /** Customers with no rating of any model movie: they go to the centre nearest the origin. */
  readonly emptyRows: number;
  /** Customers whose points are all zeros (the empty rows among them). */
  readonly zeroRows: number;
}

/**
 * Assigns the customers of `data` (raw ratings) to the clusters of `model`. The input is first put into the
 * model's columns, then transformed as the model's matrix was: so a `centered` customer is centred on their
 * ratings of the model's movies, which is the row fit would have seen; a residual customer gets their own bias
 * against the model's movie biases, an embedded one is projected on the model's SVD basis. Throws a data error when no input movie is
 * a model movie (the model belongs to other data).
 */
export async function predictClusters(data: RatingsData, model: KMeansModel, modelName: string, threads = 1): Promise<PredictResult> {
  const columns = mapColumns(data.movieIds, model.movieIds);
  if (columns.matchedMovies === 0) throw dataError(messages.modelNoOverlap(modelName, data.source));
  const { matrix, droppedRatings } = remapColumns(data.matrix, columns);
  const fitted = model.representation ?? { matrix: model.matrix, normalize: false, baseline: null, embedding: null };
  const seen = await applyRepresentation(fitted, matrix, threads);
  const assignment = await assignToCenters(seen.points, model.centers);
  return { ...assignment, columns, droppedRatings, emptyRows: countEmptyRows(seen.transformed), zeroRows: seen.zeroRows };
}
