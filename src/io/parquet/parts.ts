import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Every Parquet file starts (and ends) with these four bytes. */
const PARQUET_MAGIC = Buffer.from('PAR1', 'latin1');

/** True when the file starts with `PAR1`: the name does not matter, as for the CSR file. */
export async function isParquetFile(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(PARQUET_MAGIC);
  } finally {
    await handle.close();
  }
}

/**
 * The Parquet files `path` stands for, or null when it is neither a Parquet file nor a folder of them. A folder
 * is a data set as Spark, DuckDB or pandas write it: its `part-*.parquet` files (any `*.parquet` file) in name
 * order; the `_SUCCESS`, `.crc` and other hidden or `_`-prefixed files beside them are not data.
 */
export async function parquetParts(path: string): Promise<string[] | null> {
  const info = await stat(path).catch(() => null);
  if (info === null) return null;
  if (!info.isDirectory()) return (await isParquetFile(path)) ? [path] : null;
  const names = (await readdir(path))
    .filter((n) => n.endsWith('.parquet') && !n.startsWith('.') && !n.startsWith('_'))
    .sort();
  if (names.length === 0) return null;
  return names.map((n) => join(path, n));
}

/** `.parquet` on an output path chooses Parquet over CSV. */
export function isParquetPath(path: string): boolean {
  return path.toLowerCase().endsWith('.parquet');
}

/** Rows (ratings) and bytes of the files, from their footers alone: what the memory check needs before a read. */
export async function parquetRowCount(paths: readonly string[]): Promise<{ rows: number; bytes: number }> {
  const { asyncBufferFromFile, parquetMetadataAsync } = await import('hyparquet');
  let rows = 0;
  let bytes = 0;
  for (const path of paths) {
    const file = await asyncBufferFromFile(path);
    rows += Number((await parquetMetadataAsync(file)).num_rows);
    bytes += file.byteLength;
  }
  return { rows, bytes };
}
