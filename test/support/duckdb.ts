import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/**
 * DuckDB in memory, the real engine that checks our Parquet: it writes files we read and reads every file we
 * write. In-process and offline: the engine ships inside the npm package, and no extension is loaded (Parquet is
 * built in).
 */
let connection: Promise<DuckDBConnection> | null = null;

function connect(): Promise<DuckDBConnection> {
  connection ??= DuckDBInstance.create(':memory:').then((db) => db.connect());
  return connection;
}

/** A path as a SQL string literal. */
export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Runs one statement (COPY ... TO, CREATE ...). */
export async function duckRun(sql: string): Promise<void> {
  await (await connect()).run(sql);
}

/** The rows of a query as objects, values as DuckDB gives them to JavaScript (INTEGER a number, BIGINT a bigint). */
export async function duckRows(sql: string): Promise<Record<string, unknown>[]> {
  const reader = await (await connect()).runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/** Column name -> DuckDB type (INTEGER, DOUBLE, FLOAT, VARCHAR, BOOLEAN) of a Parquet file, as DuckDB reads it. */
export async function duckColumnTypes(path: string): Promise<Record<string, string>> {
  const rows = await duckRows(`DESCRIBE SELECT * FROM read_parquet(${sqlString(path)})`);
  return Object.fromEntries(rows.map((r) => [String(r.column_name), String(r.column_type)]));
}

/** Which columns DuckDB reads as nullable (Parquet OPTIONAL) and which as REQUIRED, from the file's schema. */
export async function duckRepetition(path: string): Promise<Record<string, string>> {
  const rows = await duckRows(
    `SELECT name, repetition_type FROM parquet_schema(${sqlString(path)}) WHERE num_children IS NULL`,
  );
  return Object.fromEntries(rows.map((r) => [String(r.name), String(r.repetition_type)]));
}

/** The codecs of a file's column chunks, as DuckDB reads its metadata. */
export async function duckCodecs(path: string): Promise<string[]> {
  const rows = await duckRows(`SELECT DISTINCT compression FROM parquet_metadata(${sqlString(path)}) ORDER BY 1`);
  return rows.map((r) => String(r.compression));
}

export async function closeDuck(): Promise<void> {
  if (connection === null) return;
  (await connection).closeSync();
  connection = null;
}
