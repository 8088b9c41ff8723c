import { isParquetPath } from './parquet/parts.js';
import { writeChunks, writeTable, type TableColumn } from './table.js';

/** The assignments as a table: Cust_Id ascending (delta-encoded in Parquet), the cluster of each. */
export function assignmentsTable(customerIds: Int32Array, labels: Int32Array): TableColumn[] {
  return [
    { name: 'Cust_Id', type: 'int32', encoding: 'delta', values: customerIds },
    { name: 'cluster', type: 'int32', values: labels },
  ];
}

/** The `Cust_Id,cluster` CSV, streamed: to `path` atomically, or to stdout when path is '-'; Parquet for `.parquet`. */
export async function writeAssignments(path: string, customerIds: Int32Array, labels: Int32Array): Promise<void> {
  if (path !== '-' && isParquetPath(path)) return writeTable(path, assignmentsTable(customerIds, labels));
  await writeChunks(path, assignmentChunks(customerIds, labels));
}

function* assignmentChunks(customerIds: Int32Array, labels: Int32Array): Generator<string> {
  const rowsPerChunk = 65536;
  let out = 'Cust_Id,cluster\n';
  for (let i = 0; i < customerIds.length; i++) {
    out += `${customerIds[i]},${labels[i]}\n`;
    if ((i + 1) % rowsPerChunk === 0) {
      yield out;
      out = '';
    }
  }
  if (out.length > 0) yield out;
}
