import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../../src/messages.js';
import { pivotCsv, plantedMatrix, runCli, tempDir } from '../helpers.js';
import { makeRecommendFixtures } from './recommend-fixtures.js';

const fx = makeRecommendFixtures();

test("predict on the model's own training data writes fit's assignments", () => {
  const r = runCli(['predict', '--model', fx.model, '--input', fx.data]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, fx.fitAssignments);
  assert.match(r.stderr, /300 customers of .* -> k=3 clusters/);
  assert.match(r.stderr, /50 of the input's 50 are model movies/);
  assert.doesNotMatch(r.stderr, /note/);
});

test('predict: unknown movies are ignored and counted, absent model movies noted; --json and --out', () => {
  // 40 new customers over movies 1..49 and 999 (the model knows 1..50): movie 999 unknown, movie 50 absent
  const m = plantedMatrix(40, 50, 0.3, 3, 8);
  const csv = pivotCsv(m).replace(/^(Cust_Id,.*),50\n/, '$1,999\n');
  let unknownRatings = 0;
  for (let p = 0; p < m.rowPtr[m.nRows]; p++) if (m.colIdx[p] === 49) unknownRatings++;
  const input = join(fx.dir, 'new.csv');
  writeFileSync(input, csv);
  const out = join(tempDir(), 'pred.csv');
  const r = runCli(['predict', '--model', fx.model, '--input', input, '--out', out, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stderr.includes(messages.unknownMoviesIgnored(1, unknownRatings)), r.stderr);
  assert.ok(r.stderr.includes(messages.modelMoviesAbsent(1)), r.stderr);
  const s = JSON.parse(r.stdout);
  assert.deepEqual(
    [s.rows, s.matchedMovies, s.unknownMovies, s.droppedRatings, s.absentModelMovies, s.k],
    [40, 49, 1, unknownRatings, 1, 3],
  );
  assert.equal(
    s.sizes.reduce((a: number, b: number) => a + b, 0),
    40,
  );
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'Cust_Id,cluster');
  assert.equal(lines.length, 41);
  // --quiet silences the notes
  assert.equal(runCli(['predict', '--model', fx.model, '--input', input, '--quiet']).stderr, '');
});
