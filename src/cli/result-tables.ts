import { isParquetPath } from '../io/parquet/parts.js';
import { writeTable, type TableColumn } from '../io/table.js';
import type { ElbowResult } from '../metrics/elbow.js';
import type { EvaluateResult } from '../recommend/evaluate.js';
import type { Recommendation } from '../recommend/recommend.js';

/**
 * The results of elbow, evaluate and recommend as tables, for `--out FILE.csv` or `--out FILE.parquet` (see
 * writeTable): one row per k, per predictor, per recommended movie. Names follow the --json output; a value
 * --json writes as null (a silhouette that does not exist) is a null cell here.
 */
const orNull = (v: number) => (Number.isFinite(v) ? v : null);

export function elbowTable(result: ElbowResult): TableColumn[] {
  const rows = result.rows;
  return [
    { name: 'k', type: 'int32', values: rows.map((r) => r.k) },
    { name: 'inertia', type: 'double', values: rows.map((r) => r.inertia) },
    { name: 'silhouette', type: 'double', nullable: true, values: rows.map((r) => orNull(r.silhouette)) },
    { name: 'daviesBouldin', type: 'double', nullable: true, values: rows.map((r) => orNull(r.daviesBouldin)) },
    { name: 'calinskiHarabasz', type: 'double', nullable: true, values: rows.map((r) => orNull(r.calinskiHarabasz)) },
    { name: 'nIter', type: 'int32', values: rows.map((r) => r.nIter) },
    { name: 'converged', type: 'boolean', values: rows.map((r) => r.converged) },
  ];
}

export function evaluateTable(result: EvaluateResult): TableColumn[] {
  const s = result.scores;
  return [
    { name: 'predictor', type: 'string', values: s.map((r) => r.predictor) },
    // null for the baselines, which have no k
    { name: 'k', type: 'int32', nullable: true, values: s.map((r) => r.k) },
    { name: 'rmse', type: 'double', values: s.map((r) => r.rmse) },
    { name: 'mae', type: 'double', values: s.map((r) => r.mae) },
  ];
}

/** Cust_Id, rank, movie, predicted, and title when titles were given (an unknown movie's title is null). */
export function recommendationsTable(
  lists: ReadonlyArray<{ customer: number; recommendations: readonly Recommendation[] }>,
  movieIds: Int32Array,
  title?: (movieId: number) => string | undefined,
): TableColumn[] {
  const rows = lists.flatMap((l) =>
    l.recommendations.map((r, i) => ({
      customer: l.customer,
      rank: i + 1,
      movie: movieIds[r.col],
      predicted: r.predicted,
    })),
  );
  const columns: TableColumn[] = [
    { name: 'Cust_Id', type: 'int32', values: rows.map((r) => r.customer) },
    { name: 'rank', type: 'int32', values: rows.map((r) => r.rank) },
    { name: 'movie', type: 'int32', values: rows.map((r) => r.movie) },
    { name: 'predicted', type: 'double', values: rows.map((r) => r.predicted) },
  ];
  if (title !== undefined)
    columns.push({ name: 'title', type: 'string', nullable: true, values: rows.map((r) => title(r.movie) ?? null) });
  return columns;
}

/**
 * `--out FILE.parquet`: writes the command's table there as Parquet and returns true; any other `--out` (or none)
 * returns false and the command writes its text or JSON as usual. The one line each command needs for Parquet.
 */
export async function writeParquetResult(out: string | undefined, table: () => TableColumn[]): Promise<boolean> {
  if (out === undefined || out === '-' || !isParquetPath(out)) return false;
  await writeTable(out, table());
  return true;
}
