import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateRatings } from '../../src/generate/index.js';
import { fitKMeans } from '../../src/kmeans/fit.js';
import type { CsrMatrix } from '../../src/matrix/csr.js';
import { transformMatrix } from '../../src/matrix/transform.js';
import { adjustedRandIndex } from './helpers.js';

// one mid-sized draw shared by the checks: 2,000 customers x 600 movies, about 110,000 ratings
const options = { customers: 2000, movies: 600, density: 0.0933, seed: 5, groups: 5 };
const { data, groups, summary } = generateRatings(options);
const m = data.matrix;

test('density is close to --density', () => {
  assert.ok(Math.abs(summary.density - options.density) / options.density < 0.08, `density ${summary.density}`);
  assert.equal(summary.ratings, m.rowPtr[m.nRows]);
});

test('ratings look like Netflix ratings: mean about 3.5, more 4s than 2s, every value used', () => {
  const [r1, r2, r3, r4, r5] = summary.histogram;
  assert.ok(summary.meanRating > 3.4 && summary.meanRating < 3.75, `mean ${summary.meanRating}`);
  assert.ok(r4 > 2 * r2 && r4 > r3 && r3 > r5 && r2 > r1 && r1 > 0, `histogram ${summary.histogram}`);
  const share = (r: number) => r / summary.ratings;
  assert.ok(
    Math.abs(share(r1) - 0.05) < 0.02 && Math.abs(share(r4) - 0.34) < 0.03,
    `shares ${summary.histogram.map(share)}`,
  );
});

test('activity is heavy-tailed: many light customers, a few heavy ones', () => {
  const counts = Array.from({ length: m.nRows }, (_, i) => m.rowPtr[i + 1] - m.rowPtr[i]).sort((a, b) => a - b);
  const median = counts[counts.length >> 1];
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  assert.ok(mean > median * 1.1, `mean ${mean} vs median ${median}`);
  assert.ok(counts[counts.length - 1] > 4 * median, `max ${counts[counts.length - 1]} vs median ${median}`);
  assert.ok(counts[Math.floor(counts.length * 0.99)] > 2.5 * median);
});

test('movie popularity is skewed: the top movies are rated by many, the tail by few', () => {
  const perMovie = new Array<number>(m.nCols).fill(0);
  for (let p = 0; p < m.rowPtr[m.nRows]; p++) perMovie[m.colIdx[p]]++;
  perMovie.sort((a, b) => b - a);
  const top = perMovie[0] / m.nRows;
  const median = perMovie[m.nCols >> 1] / m.nRows;
  const bottom = perMovie[m.nCols - 1] / m.nRows;
  assert.ok(top > 0.4, `top movie rated by ${top}`);
  assert.ok(top > 5 * median && median > 2 * bottom, `top ${top}, median ${median}, bottom ${bottom}`);
});

test('customers of one latent group resemble each other more than customers of other groups', () => {
  for (const kind of ['binary', 'centered'] as const) {
    const { within, between } = meanCosines(m, groups, options.groups, kind);
    assert.ok(within > between + 0.05, `${kind}: within ${within.toFixed(3)}, between ${between.toFixed(3)}`);
  }
});

test('the true group means separate the customers, on the ratings and on the has-rated pattern', () => {
  for (const binary of [false, true]) {
    const labels = nearestGroupMean(m, groups, options.groups, binary);
    const ari = adjustedRandIndex(groups, labels);
    assert.ok(ari > 0.9, `${binary ? 'binary' : 'ratings'}: ARI of the nearest group mean ${ari}`);
  }
});

test('k-means finds much of the groups on the ratings and on the binary matrix (activity gets in the way)', async () => {
  for (const kind of ['ratings', 'binary'] as const) {
    const result = await fitKMeans(transformMatrix(m, kind), { k: options.groups, seed: 0, nInit: 1 });
    const ari = adjustedRandIndex(groups, result.labels);
    assert.ok(ari > 0.3, `${kind}: k-means ARI ${ari}`);
  }
});

/** Mean cosine similarity of row pairs in the same group and in different groups, from per-group sums. */
function meanCosines(m: CsrMatrix, groups: Uint8Array, k: number, kind: 'binary' | 'centered') {
  const sums = Array.from({ length: k }, () => new Float64Array(m.nCols));
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < m.nRows; i++) {
    const start = m.rowPtr[i];
    const end = m.rowPtr[i + 1];
    if (end === start) continue;
    let mean = 0;
    for (let p = start; p < end; p++) mean += m.values![p] / (end - start);
    const v = (p: number) => (kind === 'binary' ? 1 : m.values![p] - mean);
    let norm = 0;
    for (let p = start; p < end; p++) norm += v(p) ** 2;
    if (norm === 0) continue;
    norm = Math.sqrt(norm);
    sizes[groups[i]]++;
    for (let p = start; p < end; p++) sums[groups[i]][m.colIdx[p]] += v(p) / norm;
  }
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, x, j) => s + x * b[j], 0);
  let withinSum = 0;
  let withinPairs = 0;
  let betweenSum = 0;
  let betweenPairs = 0;
  for (let g = 0; g < k; g++) {
    withinSum += dot(sums[g], sums[g]) - sizes[g];
    withinPairs += sizes[g] * (sizes[g] - 1);
    for (let h = g + 1; h < k; h++) {
      betweenSum += dot(sums[g], sums[h]);
      betweenPairs += sizes[g] * sizes[h];
    }
  }
  return { within: withinSum / withinPairs, between: betweenSum / betweenPairs };
}

/** Each row's nearest group mean (squared Euclidean distance, absent = 0), as k-means would assign it. */
function nearestGroupMean(m: CsrMatrix, groups: Uint8Array, k: number, binary: boolean): Int32Array {
  const value = (p: number) => (binary ? 1 : m.values![p]);
  const centers = Array.from({ length: k }, () => new Float64Array(m.nCols));
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < m.nRows; i++) {
    sizes[groups[i]]++;
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) centers[groups[i]][m.colIdx[p]] += value(p);
  }
  centers.forEach((c, g) => c.forEach((_, j) => (c[j] /= sizes[g] || 1)));
  const norms = centers.map((c) => c.reduce((s, x) => s + x * x, 0));
  const labels = new Int32Array(m.nRows);
  for (let i = 0; i < m.nRows; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let g = 0; g < k; g++) {
      let d = norms[g];
      for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) d -= 2 * value(p) * centers[g][m.colIdx[p]];
      if (d < bestD) {
        bestD = d;
        best = g;
      }
    }
    labels[i] = best;
  }
  return labels;
}
