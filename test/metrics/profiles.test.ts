import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RatingsData } from '../../src/matrix/csr.js';
import { transformMatrix } from '../../src/matrix/transform.js';
import { clusterProfiles } from '../../src/metrics/profiles.js';
import { formatProfiles, profilesJson } from '../../src/metrics/profiles-format.js';
import { fromDenseRows } from '../helpers.js';
import { defaultRatingRange } from '../../src/matrix/rating-range.js';

// Movies 10, 20, 30; five customers, the last with no rating.
//          10  20  30
//   c0  r0  5   4   .
//   c0  r1  4   .   2
//   c1  r2  1   5   5
//   c1  r3  .   4   .
//   c1  r4  .   .   .
// Overall means: movie 10 (5+4+1)/3 = 10/3, movie 20 (4+5+4)/3 = 13/3, movie 30 (2+5)/2 = 3.5.
const data: RatingsData = {
  matrix: fromDenseRows([
    [5, 4, 0],
    [4, 0, 2],
    [1, 5, 5],
    [0, 4, 0],
    [0, 0, 0],
  ]),
  customerIds: Int32Array.from([1, 2, 3, 4, 5]),
  movieIds: Int32Array.from([10, 20, 30]),
  source: 'hand-made',
  ratingRange: defaultRatingRange,
};
const labels = Int32Array.from([0, 0, 1, 1, 1]);

const approx = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);
const ids = (list: { movieId: number }[]) => list.map((m) => m.movieId);

test('sizes, shares, ratings per customer and mean rating, by hand', () => {
  const p = clusterProfiles(data, labels, 2, { minSupport: 1 });
  const [c0, c1] = p.clusters;
  // c0: 2 customers of 5, 4 ratings -> 2 each, mean (5+4+4+2)/4 = 3.75
  assert.equal(c0.size, 2);
  approx(c0.share, 0.4);
  approx(c0.meanRatingsPerCustomer, 2);
  approx(c0.meanRating, 3.75);
  // c1: 3 customers, 4 ratings -> 4/3 each (the customer with none counts), mean (1+5+5+4)/4 = 3.75
  assert.equal(c1.size, 3);
  approx(c1.meanRatingsPerCustomer, 4 / 3);
  approx(c1.meanRating, 3.75);
});

test('top rated and distinctive movies with support 1, by hand', () => {
  const [c0, c1] = clusterProfiles(data, labels, 2, { minSupport: 1 }).clusters;
  // c0 means: 10 -> 4.5 (n=2), 20 -> 4, 30 -> 2.  gaps: 10 -> 4.5 - 10/3 = +7/6, 20 -> 4 - 13/3 = -1/3, 30 -> 2 - 3.5 = -1.5
  assert.deepEqual(ids(c0.topRated), [10, 20, 30]);
  assert.deepEqual(ids(c0.distinctive), [30, 10, 20]);
  approx(c0.distinctive[0].gap, -1.5);
  approx(c0.distinctive[1].gap, 7 / 6);
  approx(c0.topRated[0].overallMean, 10 / 3);
  assert.equal(c0.topRated[0].support, 2);
  // c1 means: 30 -> 5 (n=1), 20 -> 4.5 (n=2), 10 -> 1.  gaps: 10 -> 1 - 10/3 = -7/3, 30 -> +1.5, 20 -> 4.5 - 13/3 = +1/6
  assert.deepEqual(ids(c1.topRated), [30, 20, 10]);
  assert.deepEqual(ids(c1.distinctive), [10, 30, 20]);
  approx(c1.distinctive[0].gap, -7 / 3);
});

test('the support rule, list length, ties and titles', () => {
  // support >= 2: c0 keeps movie 10 only, c1 movie 20 only
  const p = clusterProfiles(data, labels, 2, { minSupport: 2 });
  assert.deepEqual(ids(p.clusters[0].topRated), [10]);
  assert.deepEqual(ids(p.clusters[1].distinctive), [20]);
  // support >= 3: nothing qualifies
  assert.deepEqual(clusterProfiles(data, labels, 2, { minSupport: 3 }).clusters[0].topRated, []);
  // top 1
  assert.deepEqual(ids(clusterProfiles(data, labels, 2, { minSupport: 1, top: 1 }).clusters[1].topRated), [30]);
  // titles are looked up by movie id, missing ones stay null
  const titled = clusterProfiles(data, labels, 2, { minSupport: 1, titles: new Map([[10, 'Ten']]) });
  assert.equal(titled.clusters[0].topRated[0].title, 'Ten');
  assert.equal(titled.clusters[0].topRated[1].title, null);
  // equal means: the larger support first, then the earlier column
  const tie: RatingsData = {
    ...data,
    matrix: fromDenseRows([
      [4, 4, 4],
      [0, 4, 4],
      [0, 0, 4],
    ]),
    customerIds: Int32Array.from([1, 2, 3]),
  };
  assert.deepEqual(
    ids(clusterProfiles(tie, Int32Array.from([0, 0, 0]), 1, { minSupport: 1 }).clusters[0].topRated),
    [30, 20, 10],
  );
});

test('profiles read the ratings whatever matrix was clustered; an empty cluster has no lists', () => {
  const binary: RatingsData = { ...data, matrix: transformMatrix(data.matrix, 'binary') };
  // the caller passes the ratings: transforming the clustered matrix must not leak in
  const p = clusterProfiles(data, labels, 3, { minSupport: 1 });
  approx(p.clusters[0].meanRating, 3.75);
  assert.equal(p.clusters[2].size, 0);
  assert.ok(Number.isNaN(p.clusters[2].meanRating));
  assert.deepEqual(p.clusters[2].topRated, []);
  // given binary data (no values), every rating reads as 1
  approx(clusterProfiles(binary, labels, 2, { minSupport: 1 }).clusters[0].meanRating, 1);
});

test('the stderr table and the JSON form', () => {
  const p = clusterProfiles(data, labels, 2, { minSupport: 1, titles: new Map([[20, 'Twenty']]) });
  const text = formatProfiles(p);
  assert.match(text, /^cluster 0 {3}2 customers \(40\.0%\) {3}2\.0 ratings each {3}mean rating 3\.75$/m);
  assert.match(text, /^ {4}1\. 4\.50 {2}n=2 {6}movie 10$/m);
  assert.match(text, /^ {4}1\. -1\.50 {2}2\.00 vs 3\.50 {2}n=1 {6}movie 30$/m);
  assert.match(text, /20 Twenty/);
  const json = JSON.parse(JSON.stringify(profilesJson(p)));
  assert.equal(json.clusters.length, 2);
  assert.deepEqual(json.clusters[0].topRated[0], {
    movieId: 10,
    title: null,
    support: 2,
    mean: 4.5,
    overallMean: 3.3333,
    gap: 1.1667,
  });
  assert.equal(json.minSupport, 1);
  const empty = JSON.parse(JSON.stringify(profilesJson(clusterProfiles(data, labels, 3, { minSupport: 1 }))));
  assert.equal(empty.clusters[2].meanRating, null);
});
