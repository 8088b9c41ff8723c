import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toDenseRows } from '../../src/matrix/csr.js';
import { transformMatrix } from '../../src/matrix/transform.js';
import {
  silhouetteSampleRows,
  silhouetteSamples,
  silhouetteScore,
  silhouetteScores,
  silhouetteScoresOnThreads,
} from '../../src/metrics/silhouette.js';
import { fitKMeans } from '../../src/kmeans/fit.js';
import { Rng } from '../../src/util/random.js';
import { TILE_ROWS } from '../../src/metrics/pair-distance-sums.js';
import { fromDenseRows, plantedMatrix } from '../helpers.js';
import { textbookSilhouette } from './textbook.js';

const approx = (actual: number, expected: number, eps = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= eps * Math.max(1, Math.abs(expected)), `${actual} != ${expected}`);

// Four customers on one movie, ratings 1 2 4 7: every distance is a difference.
//   d(1,2)=1  d(1,4)=3  d(1,7)=6  d(2,4)=2  d(2,7)=5  d(4,7)=3
const line = fromDenseRows([[1], [2], [4], [7]]);

test('silhouette of two clusters on a line, by hand', () => {
  const labels = Int32Array.from([0, 0, 1, 1]);
  // s0: a = 1, b = (3+6)/2 = 4.5 -> 3.5/4.5 = 7/9     s1: a = 1, b = (2+5)/2 = 3.5 -> 2.5/3.5 = 5/7
  // s2: a = 3, b = (3+2)/2 = 2.5 -> -0.5/3 = -1/6     s3: a = 3, b = (6+5)/2 = 5.5 -> 2.5/5.5 = 5/11
  const [s] = silhouetteSamples(line, [{ labels, k: 2 }]);
  const expected = [7 / 9, 5 / 7, -1 / 6, 5 / 11];
  expected.forEach((e, i) => approx(s[i], e));
  approx(silhouetteScore(line, labels, 2, { sampleSize: 10_000, seed: 0 }), (7 / 9 + 5 / 7 - 1 / 6 + 5 / 11) / 4);
});

test('a customer alone in its cluster scores 0; the others see the nearest cluster', () => {
  const labels = Int32Array.from([0, 0, 1, 2]);
  // s0: a = 1, b = min(3, 6) = 3 -> 2/3     s1: a = 1, b = min(2, 5) = 2 -> 1/2     s2 = s3 = 0 (singletons)
  approx(silhouetteScore(line, labels, 3, { sampleSize: 4, seed: 0 }), (2 / 3 + 1 / 2) / 4);
});

test('undefined with fewer than 2 or more than n-1 clusters: NaN, as scikit-learn raises there', () => {
  assert.ok(Number.isNaN(silhouetteScore(line, Int32Array.from([0, 0, 0, 0]), 1, { sampleSize: 4, seed: 0 })));
  assert.ok(Number.isNaN(silhouetteScore(line, Int32Array.from([0, 1, 2, 3]), 4, { sampleSize: 4, seed: 0 })));
  // an empty cluster (label 1 unused) is not a cluster
  approx(
    silhouetteScore(line, Int32Array.from([0, 0, 2, 2]), 3, { sampleSize: 4, seed: 0 }),
    (7 / 9 + 5 / 7 - 1 / 6 + 5 / 11) / 4,
  );
});

test('equals the dense textbook definition on sparse ratings, binary and centred data, several labelings at once', async () => {
  const m = plantedMatrix(90, 24, 0.25, 3, 5);
  for (const kind of ['ratings', 'binary', 'centered'] as const) {
    const x = transformMatrix(m, kind);
    const dense = toDenseRows(x);
    const labelings = [];
    for (const k of [2, 3, 5]) labelings.push({ labels: (await fitKMeans(x, { k, seed: 1 })).labels, k });
    const got = silhouetteScores(x, labelings, { sampleSize: 1000, seed: 0 });
    assert.equal(got.exact, true);
    assert.equal(got.rows, 90);
    labelings.forEach(({ labels }, r) => approx(got.scores[r], textbookSilhouette(dense, labels), 1e-9));
  }
});

test('a sample covering all rows gives exactly the exact score; a smaller one is the textbook score of the sampled rows', async () => {
  const m = plantedMatrix(120, 30, 0.2, 4, 8);
  const { labels } = await fitKMeans(m, { k: 4, seed: 2 });
  const exact = silhouetteScore(m, labels, 4, { sampleSize: Number.MAX_SAFE_INTEGER, seed: 0 });
  assert.equal(silhouetteScore(m, labels, 4, { sampleSize: 120, seed: 9 }), exact);
  approx(exact, textbookSilhouette(toDenseRows(m), labels));

  const rows = silhouetteSampleRows(120, 50, 3)!;
  assert.equal(rows.length, 50);
  const dense = toDenseRows(m);
  const sampled = silhouetteScore(m, labels, 4, { sampleSize: 50, seed: 3 });
  approx(
    sampled,
    textbookSilhouette(
      Array.from(rows, (r) => dense[r]),
      Array.from(rows, (r) => labels[r]),
    ),
  );
  assert.equal(
    silhouetteScore(m, labels, 4, { sampleSize: 50, seed: 3 }),
    sampled,
    'the same seed samples the same rows',
  );
});

test('identical customers are at distance 0, not NaN from rounding', () => {
  const rng = new Rng(4);
  const base = Array.from({ length: 7 }, () => (rng.int(3) === 0 ? 0 : 0.1 + rng.int(50) / 10));
  const m = fromDenseRows([base, base, base.map((v) => (v === 0 ? 3 : 0)), base.map((v) => (v === 0 ? 3 : 0))]);
  const s = silhouetteScore(m, Int32Array.from([0, 0, 1, 1]), 2, { sampleSize: 4, seed: 0 });
  approx(s, 1);
});

test('more rows than one tile: every pair across and inside tiles counted once', async () => {
  const n = 2 * TILE_ROWS + 37;
  for (const binary of [false, true]) {
    const m = plantedMatrix(n, 16, 0.3, 3, 12);
    const x = binary ? transformMatrix(m, 'binary') : m;
    const { labels } = await fitKMeans(x, { k: 3, seed: 0 });
    approx(silhouetteScore(x, labels, 3, { sampleSize: n, seed: 0 }), textbookSilhouette(toDenseRows(x), labels), 1e-9);
  }
});

test('on worker threads: the same sample and the same bits as on one thread, for any thread count', async () => {
  const n = 3 * TILE_ROWS + 200;
  for (const kind of ['ratings', 'binary', 'centered'] as const) {
    const x = transformMatrix(plantedMatrix(n, 20, 0.3, 4, 21), kind);
    const labelings: { labels: Int32Array; k: number }[] = [];
    for (const k of [2, 3, 6]) labelings.push({ labels: (await fitKMeans(x, { k, seed: k })).labels, k });
    for (const sampleSize of [n, 2500]) {
      const serial = silhouetteScores(x, labelings, { sampleSize, seed: 7 });
      for (const threads of [1, 2, 3]) {
        const threaded = await silhouetteScoresOnThreads(x, labelings, { sampleSize, seed: 7, threads });
        assert.equal(threaded.rows, serial.rows);
        assert.equal(threaded.exact, serial.exact);
        serial.scores.forEach((s, r) =>
          assert.ok(
            Object.is(threaded.scores[r], s),
            `${kind} sample ${sampleSize} threads ${threads} k=${labelings[r].k}: ${threaded.scores[r]} vs ${s}`,
          ),
        );
      }
    }
  }
});
