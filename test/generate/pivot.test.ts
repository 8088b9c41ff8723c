import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  generatePivot,
  generateRatings,
  latentGroups,
  openBlockSink,
  resolveGenerateOptions,
} from '../../src/generate/index.js';
import { MAX_CUSTOMER_ID, MAX_MOVIE_ID } from '../../src/generate/netflix-prize.js';
import { readPivotRatingsCsv } from '../../src/io/pivot/pivot-csv.js';
import { MemorySink, parsePivot, tempDir } from './helpers.js';

const small = { customers: 300, movies: 400, density: 0.05, seed: 11, groups: 4 };

async function pivotBytes(options: Parameters<typeof generatePivot>[0]): Promise<Buffer> {
  const sink = new MemorySink();
  await generatePivot(options, sink);
  return sink.bytes();
}

/** The small shape's file, made once for the tests that only read it. */
const smallBytes = pivotBytes(small);

test('the same seed gives the same bytes, another seed other bytes', async () => {
  const a = await smallBytes;
  const b = await pivotBytes(small);
  assert.ok(a.equals(b));
  const c = await pivotBytes({ ...small, seed: 12 });
  assert.ok(!a.equals(c));
});

test('rows: n gives exactly the first n customers of the full generation', async () => {
  const full = (await smallBytes).toString('latin1').split('\n');
  const head = (await pivotBytes({ ...small, rows: 37 })).toString('latin1').split('\n');
  assert.equal(head.length, 37 + 2); // header, 37 rows, '' after the last newline
  assert.deepEqual(head.slice(0, 38), full.slice(0, 38));
});

test('header, rows and cells have the df_p format', async () => {
  const text = (await smallBytes).toString('latin1');
  assert.ok(!text.includes('\r'));
  assert.match(text, /^Cust_Id,\d+(,\d+)*\n/);
  const p = parsePivot(text);
  assert.equal(p.movieIds.length, small.movies);
  assert.equal(p.customerIds.length, small.customers);
  for (let j = 0; j < p.movieIds.length; j++) {
    assert.ok(Number.isInteger(p.movieIds[j]) && p.movieIds[j] >= 1 && p.movieIds[j] <= MAX_MOVIE_ID);
    if (j > 0) assert.ok(p.movieIds[j] > p.movieIds[j - 1], 'movie ids increase');
  }
  for (let i = 0; i < p.customerIds.length; i++) {
    assert.ok(Number.isInteger(p.customerIds[i]) && p.customerIds[i] >= 1 && p.customerIds[i] <= MAX_CUSTOMER_ID);
    if (i > 0) assert.ok(p.customerIds[i] > p.customerIds[i - 1], 'customer ids increase');
  }
  const seen = new Set<string>();
  for (const row of p.cells) for (const cell of row) seen.add(cell);
  assert.deepEqual([...seen].sort(), ['', '1.0', '2.0', '3.0', '4.0', '5.0']);
  // random gaps between customer ids, spread over the whole id range
  const gaps = new Set(p.customerIds.slice(1).map((id, i) => id - p.customerIds[i]));
  assert.ok(gaps.size > 50);
  assert.ok(p.customerIds[p.customerIds.length - 1] > MAX_CUSTOMER_ID * 0.9);
});

test('the project reader reads the file back as generateRatings builds it in memory', async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'g.csv');
    writeFileSync(file, await smallBytes);
    const read = await readPivotRatingsCsv(file);
    const mem = generateRatings(small).data;
    assert.deepEqual(Array.from(read.movieIds), Array.from(mem.movieIds));
    assert.deepEqual(Array.from(read.customerIds), Array.from(mem.customerIds));
    assert.deepEqual(Array.from(read.matrix.rowPtr), Array.from(mem.matrix.rowPtr));
    assert.deepEqual(Array.from(read.matrix.colIdx), Array.from(mem.matrix.colIdx));
    assert.deepEqual(Array.from(read.matrix.values!), Array.from(mem.matrix.values!));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a .gz output holds the same bytes, compressed; nothing is left behind but the file', async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'g.csv.gz');
    const out = openBlockSink(file);
    await generatePivot(small, out);
    await out.commit();
    assert.ok(gunzipSync(readFileSync(file)).equals(await smallBytes));
    const aborted = openBlockSink(join(dir, 'never.csv.gz'));
    await aborted.write(Buffer.from('Cust_Id,1\n'));
    await aborted.abort();
    assert.deepEqual(readdirSync(dir), ['g.csv.gz']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('edge shapes: every movie, a full matrix, a nearly empty one', async () => {
  const all = parsePivot(
    (await pivotBytes({ customers: 3, movies: MAX_MOVIE_ID, density: 0.01, groups: 1 })).toString('latin1'),
  );
  assert.deepEqual(
    all.movieIds,
    Array.from({ length: MAX_MOVIE_ID }, (_, j) => j + 1),
  );

  const full = generateRatings({ customers: 20, movies: 30, density: 1, groups: 2 });
  assert.equal(full.summary.ratings, 20 * 30);

  const sparse = parsePivot(
    (await pivotBytes({ customers: 50, movies: 20, density: 0.001, groups: 1 })).toString('latin1'),
  );
  assert.equal(sparse.customerIds.length, 50);
  assert.ok(
    sparse.cells.some((row) => row.every((c) => c === '')),
    'some customers rate nothing at this density',
  );
});

test('latentGroups gives the groups generation reports, without generating', async () => {
  const summary = await generatePivot(small, new MemorySink());
  assert.deepEqual(Array.from(latentGroups(small)), Array.from(summary.groups));
  assert.deepEqual(Array.from(latentGroups({ ...small, rows: 10 })), Array.from(summary.groups.subarray(0, 10)));
  assert.equal(new Set(summary.groups).size, small.groups);
});

test('options given through the API are checked', () => {
  assert.throws(() => resolveGenerateOptions({ movies: MAX_MOVIE_ID + 1 }), RangeError);
  assert.throws(() => resolveGenerateOptions({ density: 0 }), RangeError);
  assert.throws(() => resolveGenerateOptions({ density: 1.01 }), RangeError);
  assert.throws(() => resolveGenerateOptions({ customers: 2.5 }), RangeError);
  assert.throws(() => resolveGenerateOptions({ customers: 10, rows: 11 }), RangeError);
  assert.throws(() => resolveGenerateOptions({ groups: 0 }), RangeError);
  assert.deepEqual(resolveGenerateOptions({}), {
    customers: 144380,
    movies: 5332,
    density: 0.0933,
    seed: 0,
    groups: 5,
    rows: 144380,
  });
});
