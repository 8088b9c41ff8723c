import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText } from '../../../src/io/titles/decode-text.js';
import { detectCatalogFormat, readMovieCatalog } from '../../../src/io/titles/movie-catalog.js';
import { splitCsvLine } from '../../../src/io/titles/movielens-titles.js';
import { messages } from '../../../src/messages.js';
import { fixture, tempDir } from '../../helpers.js';
import { rejectsAsUserError } from '../../support/user-error.js';

const dir = tempDir();
const netflixTitles = [
  [1, 'Dinosaur Planet'],
  [2, 'Isle of Man TT 2004 Review'],
  [3, 'Character'],
  [10, 'Fighter, the Sequel, Part 2'],
  [30, 'Amélie aux Pays des Merveilles'],
];

test('catalog: Netflix movie_titles.csv in Latin-1 (CRLF, NULL year, unquoted commas, é) has titles and no genres', async () => {
  const c = await readMovieCatalog(fixture('titles/netflix-latin1.csv'));
  assert.deepEqual([...c.titles], netflixTitles);
  assert.equal(c.genres, null);
});

test('catalog: the same file re-saved as UTF-8 without a byte-order mark reads the same (no "AmÃ©lie")', async () => {
  const c = await readMovieCatalog(fixture('titles/netflix-utf8.csv'));
  assert.deepEqual([...c.titles], netflixTitles);
});

test("catalog: MovieLens movies.csv (BOM, CRLF, quoted commas, doubled quotes, | genres, '(no genres listed)')", async () => {
  const c = await readMovieCatalog(fixture('titles/movies.csv'));
  assert.deepEqual(
    [...c.titles],
    [
      [1, 'Toy Town (1995)'],
      [11, 'American President, The (1995)'],
      [20, 'Shawshank "Redemption" (1994)'],
      [30, "Amélie (Fabuleux destin d'Amélie Poulain) (2001)"],
      [40, 'Some Documentary (2010)'],
    ],
  );
  assert.deepEqual(
    [...c.genres!],
    [
      [1, ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy']],
      [11, ['Comedy', 'Drama', 'Romance']],
      [20, ['Crime', 'Drama']],
      [30, ['Comedy', 'Romance']],
      [40, []],
    ],
  );
});

test("catalog: MovieLens 100k u.item (Latin-1, | fields, 19 genre flags; 'unknown' is no genre)", async () => {
  const c = await readMovieCatalog(fixture('titles/u.item'));
  assert.deepEqual(
    [...c.titles],
    [
      [1, 'Toy Town (1995)'],
      [2, 'GoldenEye (1995)'],
      [3, 'Misérables, Les (1995)'],
      [4, 'unknown'],
    ],
  );
  assert.deepEqual(
    [...c.genres!],
    [
      [1, ['Animation', "Children's", 'Comedy']],
      [2, ['Action', 'Adventure', 'Thriller']],
      [3, ['Drama', 'Romance']],
      [4, []],
    ],
  );
});

test("catalog: MovieLens 1M/10M movies.dat (Latin-1, '::' fields, a ':' inside a title, | genres)", async () => {
  const c = await readMovieCatalog(fixture('titles/movies.dat'));
  assert.deepEqual(
    [...c.titles],
    [
      [1, 'Toy Town (1995)'],
      [2, 'Jungle Game (1995)'],
      [3, 'Grumpier: Old Men (1995)'],
      [4, 'Misérables, Les (1995)'],
    ],
  );
  assert.deepEqual(c.genres!.get(1), ['Animation', "Children's", 'Comedy']);
  assert.deepEqual(c.genres!.get(4), ['Drama']);
});

test('catalog: the format is told from the first line', () => {
  assert.equal(detectCatalogFormat('movieId,title,genres'), 'movielens-csv');
  assert.equal(detectCatalogFormat('"movieId","title","genres"'), 'movielens-csv');
  assert.equal(
    detectCatalogFormat('1|Toy Town (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0'),
    'movielens-item',
  );
  assert.equal(detectCatalogFormat("1::Toy Town (1995)::Animation|Children's"), 'movielens-dat');
  assert.equal(detectCatalogFormat('MovieID,YearOfRelease,Title'), 'netflix');
  assert.equal(detectCatalogFormat('1,2003,Dinosaur Planet'), 'netflix');
});

test('decodeText: valid UTF-8 is UTF-8, anything else Latin-1; a BOM is dropped', () => {
  assert.equal(decodeText('x', Buffer.from('Amélie', 'utf8')), 'Amélie');
  assert.equal(decodeText('x', Buffer.from('Amélie', 'latin1')), 'Amélie');
  assert.equal(decodeText('x', Buffer.from('\ufeffAmélie', 'utf8')), 'Amélie');
  assert.equal(decodeText('x', Buffer.from('plain', 'latin1')), 'plain');
});

test('splitCsvLine: RFC 4180 quoting; an unclosed quote is null', () => {
  assert.deepEqual(splitCsvLine('1,"a, b",c'), ['1', 'a, b', 'c']);
  assert.deepEqual(splitCsvLine('1,"say ""hi""",'), ['1', 'say "hi"', '']);
  assert.deepEqual(splitCsvLine('"only"'), ['only']);
  assert.equal(splitCsvLine('1,"open,c'), null);
  assert.equal(splitCsvLine('1,"a"b,c'), null);
});

const bad: [string, string, number, string][] = [
  [
    'movies unbalanced quote',
    'movieId,title,genres\n1,"Open (1995),Drama\n',
    2,
    'unbalanced double quotes in "1,\\"Open (1995),Drama"',
  ],
  ['movies field count', 'movieId,title,genres\n1,A (1995)\n', 2, 'expected 3 fields (movieId,title,genres), got 2'],
  ['movies bad id', 'movieId,title,genres\nx,A (1995),Drama\n', 2, 'movie id "x" is not a positive whole number'],
  [
    'item short line',
    `1|A|d||u|${Array(19).fill('0').join('|')}\n2|B|d\n`,
    2,
    'expected 24 |-separated fields (id|title|date|video date|URL|19 genre flags), got 3',
  ],
];

for (const [name, text, line, why] of bad) {
  test(`catalog: ${name} -> file:line, exit 65`, async () => {
    const file = join(dir, `${name}.txt`);
    writeFileSync(file, text);
    await rejectsAsUserError(readMovieCatalog(file), 65, messages.titlesBadLine(file, line, why));
  });
}

test('catalog: a movie listed twice in movies.csv is an error naming its line', async () => {
  const file = join(dir, 'dup-movies.csv');
  writeFileSync(file, 'movieId,title,genres\n1,A (1995),Drama\n1,B (1996),Drama\n');
  await assert.rejects(readMovieCatalog(file), { message: messages.titlesDuplicate(file, 3, 1) });
});
