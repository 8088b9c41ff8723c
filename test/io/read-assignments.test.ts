import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { labelsForRows, parseAssignments, readAssignments } from '../../src/io/read-assignments.js';
import { messages } from '../../src/messages.js';
import { ExitCode, UserError } from '../../src/util/errors.js';
import { fixture, tempDir } from '../helpers.js';

const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

const rejectsWith = (message: string, code: number) => (err: unknown) =>
  err instanceof UserError && err.message === message && err.exitCode === code;

describe('assignments', () => {
  it('reads Cust_Id,cluster with its line numbers and k', async () => {
    const a = await readAssignments(fixture('heatmap/assignments.csv'));
    assert.equal(a.customerIds.length, 14);
    assert.deepEqual([...a.customerIds.slice(0, 3)], [6, 7, 10]);
    assert.deepEqual([...a.clusters.slice(-3)], [2, 2, 2]);
    assert.equal(a.lines[0], 2);
    assert.equal(a.k, 3);
  });

  it('finds the columns by name, ignores extra ones, CRLF and a BOM', () => {
    const a = parseAssignments('\uFEFFcluster,"Cust_Id",distance\r\n1,6,0.5\r\n0,7,1.5\r\n\r\n', 'a.csv');
    assert.deepEqual([...a.customerIds], [6, 7]);
    assert.deepEqual([...a.clusters], [1, 0]);
    assert.equal(a.k, 2);
  });

  it('rejects a cluster id that is not a non-negative whole number, with file:line and the value', () => {
    for (const bad of ['-1', 'x', '1.5', '']) {
      const text = `Cust_Id,cluster\n6,0\n7,${bad}\n`;
      assert.throws(
        () => parseAssignments(text, 'a.csv'),
        rejectsWith(messages.assignmentsBadCluster('a.csv', 3, bad), ExitCode.dataErr),
      );
    }
    assert.equal(
      messages.assignmentsBadCluster('a.csv', 3, 'x'),
      'a.csv:3: cluster "x" is not a non-negative whole number',
    );
  });

  it('rejects other bad input with file:line', () => {
    const cases: [string, string][] = [
      ['id,group\n6,0\n', messages.assignmentsBadHeader('a.csv', 'id,group')],
      ['Cust_Id,cluster\n6\n', messages.assignmentsTooFewCells('a.csv', 2, 1, 2)],
      ['Cust_Id,cluster\nsix,0\n', messages.assignmentsBadCustomerId('a.csv', 2, 'six')],
      ['Cust_Id,cluster\n6,0\n6,1\n', messages.assignmentsDuplicate('a.csv', 3, 6, 2)],
      ['Cust_Id,cluster\n6,0\n7,99\n', messages.assignmentsClusterTooLarge('a.csv', 3, 99, 2)],
      ['Cust_Id,cluster\n', messages.assignmentsEmpty('a.csv')],
    ];
    for (const [text, message] of cases)
      assert.throws(() => parseAssignments(text, 'a.csv'), rejectsWith(message, ExitCode.dataErr));
  });

  it('says so when the file is missing, exit 66', async () => {
    const path = join(dir, 'none.csv');
    await assert.rejects(readAssignments(path), rejectsWith(messages.inputMissing(path), ExitCode.noInput));
  });

  it('reads a gzip file too', async () => {
    const { gzipSync } = await import('node:zlib');
    const path = join(dir, 'a.csv.gz');
    writeFileSync(path, gzipSync('Cust_Id,cluster\n6,1\n7,0\n'));
    assert.deepEqual([...(await readAssignments(path)).clusters], [1, 0]);
  });
});

describe('labelsForRows', () => {
  const a = parseAssignments('Cust_Id,cluster\n10,1\n6,0\n7,1\n', 'a.csv');

  it('matches clusters to data rows by Cust_Id', () => {
    assert.deepEqual([...labelsForRows(a, Int32Array.from([6, 7, 10]), 'd.csv')], [0, 1, 1]);
  });

  it('rejects a customer of the assignments that is not in the data', () => {
    assert.throws(
      () => labelsForRows(a, Int32Array.from([6, 7]), 'd.csv'),
      rejectsWith(messages.assignedCustomerNotInData('a.csv', 2, 10, 'd.csv'), ExitCode.dataErr),
    );
  });

  it('rejects a customer of the data that has no cluster', () => {
    assert.throws(
      () => labelsForRows(a, Int32Array.from([6, 7, 8, 9, 10]), 'd.csv'),
      rejectsWith('d.csv: Cust_Id 8 has no cluster in a.csv (and 1 more)', ExitCode.dataErr),
    );
  });
});
