import { openAtomicWriter } from './atomic-write.js';
import { isParquetPath } from './parquet/parts.js';
import { stdoutClosed, writeStdout } from './stdout.js';
import type { ParquetColumnSpec } from './parquet/parquet-file.js';

/** One column of a result table: its name, its type (as Parquet stores it) and its values. */
export interface TableColumn extends ParquetColumnSpec {
  readonly values: ArrayLike<number | string | boolean | null>;
}

/**
 * Writes a table where every command writes one (assignments, recommendations, elbow and evaluate results):
 * Parquet when the path ends in `.parquet`, CSV otherwise, to a temporary file renamed into place; `-` is CSV on
 * stdout. The one switch between the formats, so every table gets both.
 */
export async function writeTable(path: string, columns: readonly TableColumn[]): Promise<void> {
  if (path !== '-' && isParquetPath(path)) {
    // loaded on demand: hyparquet-writer adds a tenth of a second to every start-up
    const { rowGroupsOf, writeParquetFile } = await import('./parquet/parquet-file.js');
    await writeParquetFile(path, columns, rowGroupsOf(columns.map((c) => c.values)));
    return;
  }
  await writeChunks(path, csvChunks(columns));
}

/** Text chunks to `path` through a temporary file renamed into place, or to stdout when path is '-'. */
export async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  if (path === '-') {
    for (const chunk of chunks) {
      // `fit | head`: the reader has what it wanted
      if (stdoutClosed()) return;
      await writeStdout(chunk);
    }
    return;
  }
  const writer = openAtomicWriter(path);
  try {
    for (const chunk of chunks) await writer.write(chunk);
    await writer.commit();
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

/** The table as CSV text, a header and then 65,536 rows a chunk. Null (and NaN) is an empty cell. */
export function* csvChunks(columns: readonly TableColumn[]): Generator<string> {
  const rows = columns[0]?.values.length ?? 0;
  let out = `${columns.map((c) => csvCell(c.name)).join(',')}\n`;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns.length; j++) {
      if (j > 0) out += ',';
      out += csvCell(columns[j].values[i]);
    }
    out += '\n';
    if ((i + 1) % 65536 === 0) {
      yield out;
      out = '';
    }
  }
  if (out.length > 0) yield out;
}

function csvCell(v: number | string | boolean | null): string {
  if (v === null || (typeof v === 'number' && Number.isNaN(v))) return '';
  if (typeof v !== 'string') return String(v);
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
