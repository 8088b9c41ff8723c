import { openAtomicWriter } from './atomic-write.js';
import { isParquetPath } from './parquet/parts.js';
import { writeTable, type TableColumn } from './table.js';
import { stdoutClosed, writeStdout } from './stdout.js';

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
  const chunks = assignmentChunks(customerIds, labels);
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
