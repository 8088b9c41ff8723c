import { messages } from '../messages.js';
import { dataError } from '../util/errors.js';
import { inspectInput, readChunks } from './open-input.js';
import { isParquetFile } from './parquet/parts.js';

/** Cluster assignments as read from a CSV, in file order. */
export interface Assignments {
  readonly customerIds: Int32Array;
  readonly clusters: Int32Array;
  /** 1-based line of each assignment, for messages. */
  readonly lines: Int32Array;
  /** One more than the largest cluster id. */
  readonly k: number;
  readonly source: string;
}

const WHOLE = /^\d+$/;

/**
 * Reads an assignments CSV (or Parquet, by its magic bytes): a header naming `Cust_Id` and `cluster` (other columns, such as a distance, are
 * ignored, so the file `fit` writes can grow), then one customer per line. Plain or gzip. Every value is checked
 * here, with file:line in the message.
 */
export async function readAssignments(path: string): Promise<Assignments> {
  const input = await inspectInput(path);
  // `fit --out a.parquet` too: the same checks, row r on "line" r + 1
  if (await isParquetFile(path)) {
    const { parquetTableAsCsv } = await import('./parquet/read-table.js');
    return parseAssignments(await parquetTableAsCsv(path), path);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of readChunks(input)) chunks.push(chunk);
  return parseAssignments(Buffer.concat(chunks).toString('utf8'), path);
}

export function parseAssignments(text: string, file: string): Assignments {
  const lines = text.split('\n');
  const header = cells(lines[0]);
  const idCol = header.indexOf('Cust_Id');
  const clusterCol = header.indexOf('cluster');
  if (idCol < 0 || clusterCol < 0) throw dataError(messages.assignmentsBadHeader(file, lines[0].replace(/\r$/, '')));
  const need = Math.max(idCol, clusterCol) + 1;

  const ids: number[] = [];
  const clusters: number[] = [];
  const lineNos: number[] = [];
  const firstLine = new Map<number, number>();
  let k = 0;
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const lineNo = i + 1;
    const row = cells(raw);
    if (row.length < need) throw dataError(messages.assignmentsTooFewCells(file, lineNo, row.length, need));
    const idText = row[idCol];
    const id = WHOLE.test(idText) ? Number(idText) : NaN;
    if (!(id >= 1 && id <= 2147483647)) throw dataError(messages.assignmentsBadCustomerId(file, lineNo, idText));
    const clusterText = row[clusterCol];
    const cluster = WHOLE.test(clusterText) ? Number(clusterText) : NaN;
    if (!(cluster >= 0 && Number.isSafeInteger(cluster)))
      throw dataError(messages.assignmentsBadCluster(file, lineNo, clusterText));
    const seen = firstLine.get(id);
    if (seen !== undefined) throw dataError(messages.assignmentsDuplicate(file, lineNo, id, seen));
    firstLine.set(id, lineNo);
    ids.push(id);
    clusters.push(cluster);
    lineNos.push(lineNo);
    if (cluster + 1 > k) k = cluster + 1;
  }
  if (ids.length === 0) throw dataError(messages.assignmentsEmpty(file));
  // k clusters of n customers have ids below n; a larger id is a typo, and would size per-cluster tables by it
  if (k > ids.length) {
    const at = clusters.findIndex((c) => c >= ids.length);
    throw dataError(messages.assignmentsClusterTooLarge(file, lineNos[at], clusters[at], ids.length));
  }
  return {
    customerIds: Int32Array.from(ids),
    clusters: Int32Array.from(clusters),
    lines: Int32Array.from(lineNos),
    k,
    source: file,
  };
}

/** The cells of one line, trimmed and unquoted (`"Cust_Id"` from a spreadsheet reads as Cust_Id). */
function cells(line: string): string[] {
  return line
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '')
    .split(',')
    .map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

/**
 * Each data row's cluster, matched by Cust_Id. Both sides must name the same customers: a customer missing on
 * either side means the assignments belong to another file (or another --rows), and drawing them would mislead.
 */
export function labelsForRows(assignments: Assignments, customerIds: Int32Array, dataSource: string): Int32Array {
  const rowOf = new Map<number, number>();
  for (let r = 0; r < customerIds.length; r++) rowOf.set(customerIds[r], r);
  const labels = new Int32Array(customerIds.length).fill(-1);
  const { customerIds: ids, clusters, lines } = assignments;
  for (let i = 0; i < ids.length; i++) {
    const r = rowOf.get(ids[i]);
    if (r === undefined)
      throw dataError(messages.assignedCustomerNotInData(assignments.source, lines[i], ids[i], dataSource));
    labels[r] = clusters[i];
  }
  const missing: number[] = [];
  for (let r = 0; r < labels.length; r++) if (labels[r] < 0) missing.push(r);
  if (missing.length > 0) {
    throw dataError(
      messages.customerWithoutCluster(dataSource, customerIds[missing[0]], assignments.source, missing.length - 1),
    );
  }
  return labels;
}
