import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterProfiles } from '../../src/metrics/profiles.js';
import { formatProfiles, profilesJson } from '../../src/metrics/profiles-format.js';
import { buildReport } from '../../src/report/markdown.js';
import { ratingsFromDense } from '../support/data.js';

// Movies 10 (Drama), 20 (Comedy|Drama), 30 (Comedy), 40 (Horror), 50 (not in the catalog).
//            10  20  30  40  50
//   c0  k0    4   3   .   .   5
//   c1  k0    5   .   .   .   .
//   c2  k1    .   2   4   .   .
//   c3  k1    .   .   5   1   .
// Cluster 0 has 4 ratings: Drama 3 (10 twice, 20), Comedy 1 (20), Horror 0; movie 50 counts in the total only.
// Cluster 1 has 4 ratings: Drama 1 (20), Comedy 3 (20, 30 twice), Horror 1 (40).
// All 8 ratings: Drama 4 (0.5), Comedy 4 (0.5), Horror 1 (0.125).
// Gaps, cluster 0: Drama 0.75 - 0.5 = +0.25, Comedy 0.25 - 0.5 = -0.25, Horror 0 - 0.125 = -0.125;
//       cluster 1: Comedy +0.25, Drama -0.25, Horror 0.25 - 0.125 = +0.125.
// Largest |gap| first, a tie by genre name: Comedy before Drama.
const data = ratingsFromDense(
  [
    [4, 3, 0, 0, 5],
    [5, 0, 0, 0, 0],
    [0, 2, 4, 0, 0],
    [0, 0, 5, 1, 0],
  ],
  [1, 2, 3, 4],
  [10, 20, 30, 40, 50],
);
const labels = Int32Array.from([0, 0, 1, 1]);
const genres = new Map<number, readonly string[]>([
  [10, ['Drama']],
  [20, ['Comedy', 'Drama']],
  [30, ['Comedy']],
  [40, ['Horror']],
]);

test('genre shares per cluster against all customers, computed by hand', () => {
  const p = clusterProfiles(data, labels, 2, { minSupport: 1, genres });
  assert.deepEqual(p.clusters[0].genres, [
    { genre: 'Comedy', ratings: 1, share: 0.25, overallShare: 0.5, gap: -0.25 },
    { genre: 'Drama', ratings: 3, share: 0.75, overallShare: 0.5, gap: 0.25 },
    { genre: 'Horror', ratings: 0, share: 0, overallShare: 0.125, gap: -0.125 },
  ]);
  assert.deepEqual(p.clusters[1].genres, [
    { genre: 'Comedy', ratings: 3, share: 0.75, overallShare: 0.5, gap: 0.25 },
    { genre: 'Drama', ratings: 1, share: 0.25, overallShare: 0.5, gap: -0.25 },
    { genre: 'Horror', ratings: 1, share: 0.25, overallShare: 0.125, gap: 0.125 },
  ]);
});

test('without a catalog that has genres, profiles have none', () => {
  const p = clusterProfiles(data, labels, 2, { minSupport: 1 });
  assert.equal(p.clusters[0].genres, null);
  assert.equal('genres' in (profilesJson(p).clusters as object[])[0], false);
  assert.ok(!formatProfiles(p).includes('genres'));
});

test('genres in the summary lines, --json and the report', () => {
  const p = clusterProfiles(data, labels, 2, { minSupport: 1, genres });
  const text = formatProfiles(p).split('\n');
  const at = text.indexOf(
    '  genres (share of its ratings vs of all ratings, points; most over- and under-represented first)',
  );
  assert.ok(at > 0, text.join('\n'));
  assert.deepEqual(text.slice(at + 1, at + 4), [
    '     -25.0  Comedy   25.0% vs 50.0%',
    '     +25.0  Drama    75.0% vs 50.0%',
    '     -12.5  Horror    0.0% vs 12.5%',
  ]);
  const json = profilesJson(p) as { clusters: { genres: unknown[] }[] };
  assert.deepEqual(json.clusters[1].genres[2], {
    genre: 'Horror',
    ratings: 1,
    share: 0.25,
    overallShare: 0.125,
    gap: 0.125,
  });
  const report = buildReport({
    title: 't',
    command: ['fit'],
    data: { source: 'toy', rows: 4, cols: 5, nnz: 9, matrix: 'ratings' },
    options: [],
    profiles: p,
    generatedAt: new Date(0),
  });
  assert.ok(report.includes('| Horror | 25.0% | 12.5% | +12.5 | 1 |'), report);
});
