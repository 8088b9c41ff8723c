import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { messages } from '../../messages.js';
import { dataError } from '../../util/errors.js';
import { csvChunks, type TableColumn } from '../table.js';

/**
 * A small Parquet table (assignments: one row per customer) as the CSV text our CSV readers parse, so a Parquet
 * file gets every check the CSV gets, row r of the table standing on line r + 1. Whole-table: only for tables of
 * results, never for ratings (readLongRatingsParquet streams those).
 */
export async function parquetTableAsCsv(path: string): Promise<string> {
  try {
    const file = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(file);
    const names = parquetSchema(metadata).children.map((c) => c.element.name);
    const rows = await parquetReadObjects({ file, metadata, compressors });
    const columns: TableColumn[] = names.map((name) => ({
      name,
      type: 'string',
      values: rows.map((r) => (r[name] === null || r[name] === undefined ? null : String(r[name]))),
    }));
    return [...csvChunks(columns)].join('');
  } catch (err) {
    throw dataError(messages.parquetUnreadable(path, (err as Error).message));
  }
}
