import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { syntheticNetflixRatings } from '../../src/generate/netflix-raw-data.js';
import { writeNetflixRawFiles, writeSyntheticNetflixRaw } from '../../src/generate/netflix-raw-writer.js';
import { awkwardTitles } from '../../src/generate/netflix-titles.js';
import { pivotRaw, readNetflixRaw } from '../../src/io/netflix/netflix-raw.js';
import { Rng } from '../../src/util/random.js';
import { tempDir } from '../helpers.js';

test('synthetic ratings look like Netflix: mean near 3.6, more 4s than 2s, skewed popularity, no repeated pair', () => {
  const d = syntheticNetflixRatings(new Rng(3), { ratings: 200_000, movies: 2000, customers: 20_000 });
  assert.equal(d.movie.length, 200_000);
  const stars = [0, 0, 0, 0, 0, 0];
  for (const r of d.rating) stars[r]++;
  const mean = stars.reduce((s, c, r) => s + c * r, 0) / 200_000;
  assert.ok(mean > 3.4 && mean < 3.7, `mean ${mean}`);
  assert.ok(stars[4] > 2 * stars[2] && stars[0] === 0 && stars[1] > 0 && stars[5] > 0, String(stars));
  const perMovie = new Array<number>(2001).fill(0);
  for (const m of d.movie) perMovie[m]++;
  const sorted = perMovie.slice(1).sort((a, b) => b - a);
  assert.ok(sorted[0] > 10 * sorted[1000], 'a few movies are far more popular than the median one');
  const pairs = new Set<number>();
  for (let i = 0; i < d.movie.length; i++) pairs.add(d.movie[i] * 3_000_000 + d.customer[i]);
  assert.equal(pairs.size, d.movie.length);
  for (let i = 1; i < d.movie.length; i++) assert.ok(d.movie[i] >= d.movie[i - 1], 'grouped by movie');
  assert.ok(d.customer.every((c) => c >= 1 && c <= 2_649_429));
});

test('the raw files read back to the same ratings, split by movie over the files; same seed, same bytes', async () => {
  const dir = tempDir();
  const data = syntheticNetflixRatings(new Rng(8), { ratings: 30_000, movies: 300, customers: 5000 });
  const paths = await writeNetflixRawFiles(dir, data, new Rng(9), { files: 3 });
  assert.deepEqual(
    paths.map((p) => p.slice(dir.length + 1)),
    ['combined_data_1.txt', 'combined_data_2.txt', 'combined_data_3.txt'],
  );
  const raw = await readNetflixRaw(paths);
  assert.equal(raw.count, 30_000);
  assert.deepEqual(Array.from(raw.customers), Array.from(data.customer));
  assert.deepEqual(Array.from(raw.ratings), Array.from(data.rating));
  assert.deepEqual(
    Array.from(raw.runMovie),
    Array.from({ length: 300 }, (_, m) => m + 1),
  );
  const sizes = paths.map((p) => readFileSync(p).length);
  assert.ok(Math.max(...sizes) < 1.5 * Math.min(...sizes), `balanced: ${sizes}`);
  const firstLines = paths.map((p) => readFileSync(p, 'utf8').split('\n')[0]);
  assert.ok(
    firstLines.every((l) => /^\d+:$/.test(l)),
    'each file opens with a movie',
  );
  const again = tempDir();
  await writeNetflixRawFiles(again, data, new Rng(9), { files: 3 });
  assert.ok(readFileSync(join(again, 'combined_data_2.txt')).equals(readFileSync(paths[1])));
});

test('writeSyntheticNetflixRaw: gzip files, an ISO-8859-1 movie_titles.csv with the awkward cases, a pivot that trims', async () => {
  const dir = tempDir();
  const r = await writeSyntheticNetflixRaw(dir, {
    seed: 4,
    ratings: 20_000,
    movies: 400,
    customers: 3000,
    gzip: true,
    files: 2,
  });
  assert.deepEqual(readdirSync(dir).sort(), ['combined_data_1.txt.gz', 'combined_data_2.txt.gz', 'movie_titles.csv']);
  assert.match(gunzipSync(readFileSync(r.files[0])).toString('latin1'), /^1:\n\d+,[1-5],\d{4}-\d\d-\d\d\n/);
  const bytes = readFileSync(r.titles);
  const lines = bytes.toString('latin1').trimEnd().split('\n');
  assert.equal(lines.length, 400);
  for (const [i, t] of awkwardTitles.entries()) assert.equal(lines[i], `${i + 1},${t.year ?? 'NULL'},${t.title}`);
  assert.ok(bytes.includes(Buffer.from([0x41, 0x6d, 0xe9])), '"Amé" as one Latin-1 byte, not UTF-8');
  assert.ok(
    lines.some((l) => l.split(',').length > 3),
    'a title with a comma',
  );
  assert.ok(
    lines.some((l) => l.includes('"')),
    'a title with quotes',
  );
  assert.ok(
    lines.some((l) => l.split(',')[1] === 'NULL'),
    'an unknown year',
  );
  const { stats } = await pivotRaw(r.files);
  assert.equal(stats.ratings, 20_000);
  assert.ok(stats.rows > 0 && stats.rows < stats.customers && stats.cols < stats.movies);
});
