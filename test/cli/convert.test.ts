import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { readCsrFile } from '../../src/io/csr/csr-file.js';
import { readPivotRatingsCsv } from '../../src/io/pivot/pivot-csv.js';
import { binPath, repoRoot, sameBits, tempDir, writeSmallPivot } from '../support/parallel.js';

const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [binPath, ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('netflix-cluster convert', () => {
  test('pivot CSV to CSR: the same matrix, one summary line on stderr, nothing on stdout', async () => {
    const csv = join(dir, 'df_p.csv');
    const out = join(dir, 'df_p.csr');
    await writeSmallPivot(csv, 600, 8, 80);
    const r = cli(['convert', csv, out, '--threads', '2']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^wrote .*df_p\.csr: 600 customers x 80 movies, \d+ ratings, [\d.]+ MB in [\d.]+ s\n$/);
    const back = await readCsrFile(out);
    const direct = await readPivotRatingsCsv(csv);
    assert.ok(sameBits(back.matrix.colIdx, direct.matrix.colIdx));
    assert.ok(sameBits(back.matrix.values!, direct.matrix.values!));
    assert.ok(sameBits(back.customerIds, direct.customerIds));
  });

  test('exit codes: bad data 65, missing input 66, unwritable output 74, bad option 2', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Cust_Id,1,2\n7,3.0,9.0\n');
    const r65 = cli(['convert', bad, join(dir, 'x.csr'), '--rating-range', '1..5']);
    assert.equal(r65.code, 65);
    assert.equal(r65.stderr, `netflix-cluster: ${bad}:2:3: rating "9.0" is outside 1..5 (see --rating-range)\n`);
    assert.equal(cli(['convert', bad, join(dir, 'x.csr'), '--rating-range', '1..9']).code, 0);
    assert.equal(cli(['convert', join(dir, 'missing.csv'), join(dir, 'x.csr')]).code, 66);
    assert.equal(cli(['convert', bad, join(dir, 'no-dir', 'x.csr')]).code, 74);
    assert.equal(cli(['convert', bad, join(dir, 'x.csr'), '--threads', 'two']).code, 2);
  });
});
