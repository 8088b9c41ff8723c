import type { RatingsData } from '../matrix/csr.js';
import { countEmptyRows } from '../matrix/transform.js';
import { applyRepresentation } from '../matrix/representation.js';
import { assignToCenters, type Assignment } from '../kmeans/assign.js';
import type { KMeansModel } from '../kmeans/model.js';
import { messages } from '../messages.js';
import { dataError } from '../util/errors.js';
import { mapColumns, remapColumns, type ColumnMap } from './columns.js';

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
export async function predictClusters(
  data: RatingsData,
  model: KMeansModel,
  modelName: string,
  threads = 1,
): Promise<PredictResult> {
  const columns = mapColumns(data.movieIds, model.movieIds);
  if (columns.matchedMovies === 0) throw dataError(messages.modelNoOverlap(modelName, data.source));
  const { matrix, droppedRatings } = remapColumns(data.matrix, columns);
  const fitted = model.representation ?? { matrix: model.matrix, normalize: false, baseline: null, embedding: null };
  const seen = await applyRepresentation(fitted, matrix, threads);
  const assignment = await assignToCenters(seen.points, model.centers);
  return {
    ...assignment,
    columns,
    droppedRatings,
    emptyRows: countEmptyRows(seen.transformed),
    zeroRows: seen.zeroRows,
  };
}
