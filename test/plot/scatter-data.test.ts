import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  catalogGenres,
  genrePoints,
  pointSample,
  resolveGenre,
  type MovieCatalog,
} from '../../src/plot/scatter-data.js';
import { catalog, genreRatings } from '../support/genres.js';
import { Rng, sampleIndices } from '../../src/util/random.js';

describe("genre averages (the original's get_genre_ratings)", () => {
  it("averages each customer's ratings per genre, leaving out and counting those without one", () => {
    const p = genrePoints(genreRatings, catalog, 'Sci-Fi', 'Romance');
    assert.deepEqual([...p.rows], [0, 1, 4]);
    assert.deepEqual([...p.x], [4, 4, 5]);
    assert.deepEqual([...p.y], [2, 3, 3]);
    assert.deepEqual([p.customers, p.noX, p.noY, p.noEither], [5, 1, 2, 2]);
  });

  it('ignores movies the catalogue does not know', () => {
    const partial: MovieCatalog = {
      titles: new Map(),
      genres: new Map([
        [1, ['Sci-Fi']],
        [2, ['Romance']],
      ]),
    };
    const p = genrePoints(genreRatings, partial, 'Sci-Fi', 'Romance');
    assert.deepEqual([...p.rows], [0]);
    assert.deepEqual([...p.x, ...p.y], [4, 2]);
  });

  it('lists the genres and matches a name without regard to case', () => {
    assert.deepEqual(catalogGenres(catalog), ['Sci-Fi', 'Horror', 'Comedy', 'Romance']);
    assert.equal(resolveGenre(catalog, 'sci-fi'), 'Sci-Fi');
    assert.equal(resolveGenre(catalog, 'Western'), null);
    assert.deepEqual(catalogGenres({ titles: new Map(), genres: null }), []);
  });
});

describe('pointSample', () => {
  it('keeps every point up to the limit, else a seeded sample of exactly the limit', () => {
    assert.deepEqual([...pointSample(4, 10, 0)], [0, 1, 2, 3]);
    const s = pointSample(1000, 50, 7);
    assert.equal(s.length, 50);
    assert.deepEqual([...s], [...sampleIndices(new Rng(7), 1000, 50)]);
    assert.deepEqual([...pointSample(1000, 50, 7)], [...s]);
  });
});
