import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { messages } from '../../src/messages.js';
import { fixture, runCli, tempDir } from '../helpers.js';

const files = [fixture('netflix/combined_data_1.txt'), fixture('netflix/combined_data_2.txt')];

test('pivot writes the df_p pandas wrote and prints what the original printed', () => {
  const dir = tempDir();
  const out = join(dir, 'df_p.csv');
  const r = runCli(['pivot', ...files, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(readFileSync(out, 'utf8'), readFileSync(fixture('netflix/df_p.csv'), 'utf8'));
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines[0], 'Total pool: 5 Movies, 6 customers, 16 ratings given');
  assert.equal(lines[2], 'Movie minimum times of review: 5.0 (quantile 0.7)');
  assert.equal(lines[3], 'Customer minimum times of review: 2.0 (quantile 0.7)');
  assert.equal(lines[4], 'Original Shape: (16, 3)');
  assert.equal(lines[5], 'After Trim Shape: (10, 3)');
  assert.equal(lines[6], '(5, 2)');
  assert.equal(lines[7], messages.duplicatePairsNote(1));
  assert.match(lines[7], /^Duplicates: 1 customer\/movie pair\(s\) rated more than once/);
  assert.match(lines[8], /^wrote .*df_p\.csv: 5 customers x 2 movies, 9 ratings/);
});

test('--out x.csv.gz writes gzip; --quiet prints nothing; options reach the trim', () => {
  const dir = tempDir();
  const out = join(dir, 'df_p.csv.gz');
  const r = runCli([
    'pivot',
    ...files,
    '--out',
    out,
    '--quiet',
    '--min-movie-ratings',
    '0',
    '--customer-quantile',
    '0',
    '--gzip-level',
    '9',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const text = gunzipSync(readFileSync(out)).toString('utf8');
  assert.equal(text.split('\n')[0], 'Cust_Id,1,2,3,4,5');
  assert.equal(text.split('\n').length - 2, 6);
});

interface BadCase {
  name: string;
  text: string;
  message: (file: string) => string;
}

const bad: BadCase[] = [
  {
    name: 'rating-before-movie.txt',
    text: '1488844,3,2005-09-06\n1:\n',
    message: (f) => messages.netflixRatingBeforeMovie(f, 1, '1488844,3,2005-09-06'),
  },
  { name: 'malformed.txt', text: '1:\n12,3\n', message: (f) => messages.netflixMalformedLine(f, 2, '12,3') },
  {
    name: 'four-cells.txt',
    text: '1:\n12,3,2005-01-01,x\n',
    message: (f) => messages.netflixMalformedLine(f, 2, '12,3,2005-01-01,x'),
  },
  {
    name: 'words.txt',
    text: '1:\n12,3,2005-01-01\nhello\n',
    message: (f) => messages.netflixMalformedLine(f, 3, 'hello'),
  },
  { name: 'rating-6.txt', text: '1:\n12,6,2005-01-01\n', message: (f) => messages.netflixBadRating(f, 2, '6', 1, 5) },
  { name: 'rating-0.txt', text: '1:\n12,0,2005-01-01\n', message: (f) => messages.netflixBadRating(f, 2, '0', 1, 5) },
  {
    name: 'rating-half.txt',
    text: '1:\n12,3.5,2005-01-01\n',
    message: (f) => messages.netflixBadRating(f, 2, '3.5', 1, 5),
  },
  { name: 'rating-empty.txt', text: '1:\n12,,2005-01-01\n', message: (f) => messages.netflixBadRating(f, 2, '', 1, 5) },
  {
    name: 'date-month.txt',
    text: '1:\n12,3,2005-13-01\n',
    message: (f) => messages.netflixBadDate(f, 2, '2005-13-01'),
  },
  {
    name: 'date-feb-30.txt',
    text: '1:\n12,3,2005-02-29\n',
    message: (f) => messages.netflixBadDate(f, 2, '2005-02-29'),
  },
  {
    name: 'date-slashes.txt',
    text: '1:\n12,3,2005/01/01\n',
    message: (f) => messages.netflixBadDate(f, 2, '2005/01/01'),
  },
  { name: 'date-short.txt', text: '1:\n12,3,05-01-01\n', message: (f) => messages.netflixBadDate(f, 2, '05-01-01') },
  {
    name: 'date-trailing.txt',
    text: '1:\n12,3,2005-01-01x\n',
    message: (f) => messages.netflixBadDate(f, 2, '2005-01-01x'),
  },
  {
    name: 'customer-letters.txt',
    text: '1:\nabc,3,2005-01-01\n',
    message: (f) => messages.netflixBadCustomerId(f, 2, 'abc'),
  },
  { name: 'customer-zero.txt', text: '1:\n0,3,2005-01-01\n', message: (f) => messages.netflixBadCustomerId(f, 2, '0') },
  {
    name: 'customer-huge.txt',
    text: '1:\n99999999999,3,2005-01-01\n',
    message: (f) => messages.netflixBadCustomerId(f, 2, '99999999999'),
  },
  {
    name: 'movie-letters.txt',
    text: '1:\n5,3,2005-01-01\nx2:\n',
    message: (f) => messages.netflixBadMovieId(f, 3, 'x2'),
  },
  { name: 'movie-space.txt', text: '1 :\n', message: (f) => messages.netflixBadMovieId(f, 1, '1 ') },
  { name: 'no-ratings.txt', text: '1:\n2:\n', message: (f) => messages.netflixNoRatings(f) },
  { name: 'empty.txt', text: '', message: (f) => messages.inputEmpty(f) },
];

for (const c of bad) {
  test(`pivot ${c.name}: exit 65, one line, no output file`, () => {
    const dir = tempDir();
    writeFileSync(join(dir, c.name), c.text);
    const r = runCli(['pivot', c.name, '--out', 'df_p.csv'], { cwd: dir });
    assert.equal(r.code, 65, r.stderr);
    assert.equal(r.stderr, `netflix-cluster: ${c.message(c.name)}\n`);
    assert.deepEqual(readdirSync(dir), [c.name]);
  });
}

test('a bad line in the second file names that file and its own line number', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.txt'), '1:\n1,3,2005-01-01\n2,3,2005-01-01\n');
  writeFileSync(join(dir, 'b.txt'), '2:\n1,9,2005-01-01\n');
  const r = runCli(['pivot', 'a.txt', 'b.txt', '--out', 'df_p.csv'], { cwd: dir });
  assert.equal(r.code, 65);
  assert.equal(r.stderr, `netflix-cluster: ${messages.netflixBadRating('b.txt', 2, '9', 1, 5)}\n`);
});

test('each file must open with a MovieID line, even after one that ended inside a movie', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.txt'), '1:\n1,3,2005-01-01\n');
  writeFileSync(join(dir, 'b.txt'), '2,3,2005-01-01\n');
  const r = runCli(['pivot', 'a.txt', 'b.txt', '--out', 'df_p.csv'], { cwd: dir });
  assert.equal(r.code, 65);
  assert.equal(r.stderr, `netflix-cluster: ${messages.netflixRatingBeforeMovie('b.txt', 1, '2,3,2005-01-01')}\n`);
});

test('a missing input is exit 66 and an unwritable output exit 74, both before any reading', () => {
  const dir = tempDir();
  const missing = runCli(['pivot', 'nope.txt', '--out', 'df_p.csv'], { cwd: dir });
  assert.equal(missing.code, 66);
  assert.equal(missing.stderr, `netflix-cluster: ${messages.inputMissing('nope.txt')}\n`);
  const noDir = runCli(['pivot', ...files, '--out', join(dir, 'no', 'df_p.csv')]);
  assert.equal(noDir.code, 74);
  assert.equal(existsSync(join(dir, 'no')), false);
});

test('bad options are exit 2 with one line', () => {
  const q = runCli(['pivot', ...files, '--out', 'x.csv', '--movie-quantile', '1.5']);
  assert.equal(q.code, 2);
  assert.equal(q.stderr, `netflix-cluster: ${messages.quantileRange('--movie-quantile', 1.5)}\n`);
  const m = runCli(['pivot', ...files, '--out', 'x.csv', '--min-customer-ratings', 'many']);
  assert.equal(m.code, 2);
  assert.equal(m.stderr, `netflix-cluster: ${messages.badInteger('--min-customer-ratings', 'many')}\n`);
  const level = runCli(['pivot', ...files, '--out', 'x.csv.gz', '--gzip-level', '10']);
  assert.equal(level.code, 2);
  assert.equal(level.stderr, `netflix-cluster: ${messages.tooLarge('--gzip-level', 10, 9)}\n`);
  const noOut = runCli(['pivot', ...files]);
  assert.equal(noOut.code, 2);
});

test('the trim keeping nothing is exit 65 and writes nothing', () => {
  const dir = tempDir();
  const r = runCli(['pivot', ...files, '--out', join(dir, 'df_p.csv'), '--min-movie-ratings', '100']);
  assert.equal(r.code, 65);
  assert.equal(r.stderr, `netflix-cluster: ${messages.trimKeptNothing(100, 2)}\n`);
  assert.deepEqual(readdirSync(dir), []);
});
