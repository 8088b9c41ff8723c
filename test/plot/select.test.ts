import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transformMatrix } from '../../src/matrix/transform.js';
import { selectClusters, type ClusterSelection } from '../../src/plot/select.js';
import { fixtureData, ratingsFromDense } from '../support/data.js';
import { Rng, sampleIndices } from '../../src/util/random.js';

const limits = { maxUsers: 5, maxMovies: 4, minClusterSize: 4 };

describe('selectClusters', () => {
  it('keeps the most-rated movies and the customers who rate most of them, ties to the lower id', () => {
    const { data, labels, k } = fixtureData();
    const { drawn, skipped } = selectClusters(data, data.matrix, labels, k, limits);
    assert.deepEqual(
      drawn.map((d) => d.cluster),
      [0, 1],
    );
    assert.deepEqual(skipped, [{ cluster: 2, size: 3 }]);

    const c0 = drawn[0];
    assert.equal(c0.size, 6);
    // movie 1 is rated 5 times, 3 and 8 four times each, 17 and 30 twice: 17 wins the tie by its lower id
    assert.deepEqual([...c0.movieIds], [1, 3, 8, 17]);
    assert.deepEqual([...c0.movieCounts], [5, 4, 4, 2]);
    // among those movies: 10 rated 4; 6 and 134 rated 3 (6 first); 7 and 97 rated 2; 79 rated 1 and is cut
    assert.deepEqual([...c0.customerIds], [10, 6, 134, 7, 97]);
    assert.deepEqual([...c0.customerCounts], [4, 3, 3, 2, 2]);
    assert.deepEqual(c0.values, [
      [5, 5, 5, 4],
      [5, 4, null, 3],
      [4, 4, 4, null],
      [4, null, 5, null],
      [3, 4, null, null],
    ]);

    const c1 = drawn[1];
    assert.deepEqual([...c1.movieIds], [17, 18, 26, 1]);
    assert.deepEqual([...c1.customerIds], [188, 199, 305, 201, 304]);
  });

  it('does not depend on the order of rows or columns', () => {
    const { data, labels, k } = fixtureData();
    const n = data.customerIds.length;
    const rowOrder = Array.from({ length: n }, (_, i) => n - 1 - i);
    const colOrder = [7, 6, 5, 4, 3, 2, 1, 0];
    const dense = rowOrder.map((r) => colOrder.map((c) => denseCell(data, r, c)));
    const shuffled = ratingsFromDense(
      dense,
      rowOrder.map((r) => data.customerIds[r]),
      colOrder.map((c) => data.movieIds[c]),
    );
    const shuffledLabels = Int32Array.from(rowOrder, (r) => labels[r]);
    const a = selectClusters(data, data.matrix, labels, k, limits).drawn;
    const b = selectClusters(shuffled, shuffled.matrix, shuffledLabels, k, limits).drawn;
    assert.deepEqual(b.map(shown), a.map(shown));
  });

  it('shows every customer of a cluster smaller than maxUsers, those without any shown rating last', () => {
    const data = ratingsFromDense(
      [
        [5, 0],
        [0, 0],
        [3, 4],
      ],
      [30, 20, 10],
      [1, 2],
    );
    const { drawn } = selectClusters(data, data.matrix, new Int32Array(3), 1, {
      maxUsers: 70,
      maxMovies: 50,
      minClusterSize: 1,
    });
    assert.deepEqual([...drawn[0].customerIds], [10, 30, 20]);
    assert.deepEqual(drawn[0].values, [
      [3, 4],
      [5, null],
      [null, null],
    ]);
  });

  it('leaves out movies nobody in the cluster rated', () => {
    const data = ratingsFromDense(
      [
        [5, 0, 1],
        [4, 0, 0],
      ],
      [1, 2],
      [10, 20, 30],
    );
    const { drawn } = selectClusters(data, data.matrix, new Int32Array(2), 1, {
      maxUsers: 70,
      maxMovies: 50,
      minClusterSize: 1,
    });
    assert.deepEqual([...drawn[0].movieIds], [10, 30]);
  });

  it('reports small and empty clusters as skipped', () => {
    const { data, labels } = fixtureData();
    const { drawn, skipped } = selectClusters(data, data.matrix, labels, 5, { ...limits, minClusterSize: 6 });
    assert.deepEqual(
      drawn.map((d) => d.cluster),
      [0],
    );
    assert.deepEqual(skipped, [
      { cluster: 1, size: 5 },
      { cluster: 2, size: 3 },
      { cluster: 3, size: 0 },
      { cluster: 4, size: 0 },
    ]);
  });

  it('draws the values of the transformed matrix: 1 for binary, rating minus mean for centred', () => {
    const { data, labels, k } = fixtureData();
    const binary = selectClusters(data, transformMatrix(data.matrix, 'binary'), labels, k, limits).drawn[0];
    assert.deepEqual(binary.values[1], [1, 1, null, 1]);
    const centered = selectClusters(data, transformMatrix(data.matrix, 'centered'), labels, k, limits).drawn[0];
    // customer 10 rated 5, 5, 5, 4: mean 4.75
    assert.deepEqual(centered.values[0], [0.25, 0.25, 0.25, -0.75]);
  });

  it('agrees with a brute-force sort on random data', () => {
    const rng = new Rng(7);
    const rnd = () => rng.next();
    const nRows = 400;
    const nCols = 40;
    const k = 4;
    const dense = Array.from({ length: nRows }, () =>
      Array.from({ length: nCols }, (_, j) => (rnd() < 0.5 / (1 + j / 8) ? 1 + Math.floor(rnd() * 5) : 0)),
    );
    // ids not in row order, so that ties really are broken by id
    const ids = Array.from({ length: nRows }, (_, i) => ((i * 7919) % 1009) + 1);
    const movieIds = Array.from({ length: nCols }, (_, j) => ((j * 13) % 41) + 1);
    const data = ratingsFromDense(dense, ids, movieIds);
    const labels = Int32Array.from({ length: nRows }, () => Math.floor(rnd() * k));
    const lim = { maxUsers: 25, maxMovies: 7, minClusterSize: 1 };
    for (const sel of selectClusters(data, data.matrix, labels, k, lim).drawn) {
      const rows = [...labels.keys()].filter((r) => labels[r] === sel.cluster);
      const count = (j: number) => rows.filter((r) => dense[r][j] !== 0).length;
      const cols = [...Array(nCols).keys()]
        .filter((j) => count(j) > 0)
        .sort((a, b) => count(b) - count(a) || movieIds[a] - movieIds[b])
        .slice(0, lim.maxMovies);
      const rated = (r: number) => cols.filter((j) => dense[r][j] !== 0).length;
      const top = rows.sort((a, b) => rated(b) - rated(a) || ids[a] - ids[b]).slice(0, lim.maxUsers);
      assert.deepEqual(
        [...sel.movieIds],
        cols.map((j) => movieIds[j]),
        `cluster ${sel.cluster} movies`,
      );
      assert.deepEqual(
        [...sel.customerIds],
        top.map((r) => ids[r]),
        `cluster ${sel.cluster} customers`,
      );
      assert.deepEqual(
        sel.values,
        top.map((r) => cols.map((j) => dense[r][j] || null)),
      );
    }
  });
});

function shown(sel: ClusterSelection) {
  return { cluster: sel.cluster, customers: [...sel.customerIds], movies: [...sel.movieIds], values: sel.values };
}

function denseCell(data: ReturnType<typeof fixtureData>['data'], r: number, c: number): number {
  const m = data.matrix;
  for (let p = m.rowPtr[r]; p < m.rowPtr[r + 1]; p++) if (m.colIdx[p] === c) return m.values![p];
  return 0;
}

describe('selectClusters --select modes on a hand-made cluster', () => {
  // cluster 0: customers 11..14; cluster 1: 21..23, who rate movies 1..3 and make them common overall
  //            m1 m2 m3 m4 m5
  const dense = [
    [5, 0, 0, 5, 4], // 11
    [5, 0, 0, 5, 5], // 12
    [0, 4, 0, 5, 0], // 13
    [0, 0, 3, 0, 4], // 14
    [4, 4, 4, 0, 0], // 21
    [5, 3, 0, 0, 0], // 22
    [4, 0, 5, 0, 0], // 23
  ];
  const data = ratingsFromDense(dense, [11, 12, 13, 14, 21, 22, 23], [1, 2, 3, 4, 5]);
  const labels = Int32Array.from([0, 0, 0, 0, 1, 1, 1]);
  const pick = (mode: 'densest' | 'distinctive' | 'sample', seed = 0) =>
    selectClusters(data, data.matrix, labels, 2, { maxUsers: 3, maxMovies: 3, minClusterSize: 1, mode, seed }).drawn[0];

  it('densest: the most-rated movies (4 and 5 rated 3 times, 1 twice), the customers rating most of them, by count', () => {
    const s = pick('densest');
    assert.equal(s.mode, 'densest');
    assert.equal(s.order, 'count');
    assert.deepEqual([...s.movieIds], [4, 5, 1]);
    // 11 and 12 rated all three; 13 and 14 one each, 13 wins the tie by id
    assert.deepEqual([...s.customerIds], [11, 12, 13]);
    assert.deepEqual(s.values, [
      [5, 4, 5],
      [5, 5, 5],
      [5, null, null],
    ]);
    assert.equal(s.clusterRatings, 10);
    assert.equal(s.totalMovies, 5);
  });

  it("distinctive: movies whose share of the cluster's ratings exceeds their share overall, customers nearest the mean", () => {
    const s = pick('distinctive');
    assert.equal(s.order, 'direction');
    // shares in cluster 0 (10 ratings) vs overall (17): m4 and m5 3/10 - 3/17 = +0.124 each; m1 2/10 - 5/17 < 0,
    // m2 and m3 1/10 - 3/17 < 0: only 4 and 5 make it, though 3 were allowed
    assert.deepEqual([...s.movieIds].sort(), [4, 5]);
    // mean (2.5, 1, 0.75, 3.75, 3.25); squared distances 11: 9.94, 12: 12.44, 14: 26.94, 13: 27.94
    assert.deepEqual([...s.customerIds].sort(), [11, 12, 14]);
    // leading direction of the block (column-centred, not rated = 0) is mostly movie 4, a little movie 5:
    // 12 (5, 5) scores highest, then 11 (5, 4), then 14 (-, 4); movie 4 loads more than movie 5
    assert.deepEqual([...s.customerIds], [12, 11, 14]);
    assert.deepEqual([...s.movieIds], [4, 5]);
    assert.deepEqual(s.values, [
      [5, 5],
      [5, 4],
      [null, 4],
    ]);
  });

  it("sample: a seeded draw of the cluster's customers with its most-rated movies, ordered by the leading direction", () => {
    const s = pick('sample', 0);
    assert.equal(s.seed, 0);
    // sampleIndices(new Rng(0), 4, 3) = [0, 1, 3]: customers 11, 12, 14
    assert.deepEqual([...sampleIndices(new Rng(0), 4, 3)], [0, 1, 3]);
    assert.deepEqual([...s.customerIds].sort(), [11, 12, 14]);
    // movies 1 and 4 load equally (same column after centring): the lower id first, then 5
    assert.deepEqual([...s.movieIds], [1, 4, 5]);
    assert.deepEqual([...s.customerIds], [12, 11, 14]);
    assert.deepEqual(s.values, [
      [5, 5, 5],
      [5, 5, 4],
      [null, null, 4],
    ]);
    // another seed, another draw; the same seed, the same one
    assert.deepEqual([...pick('sample', 0).customerIds], [...s.customerIds]);
    const other = [...sampleIndices(new Rng(5), 4, 3)].map((j) => [11, 12, 13, 14][j]).sort();
    assert.deepEqual([...pick('sample', 5).customerIds].sort(), other);
  });

  it('distinctive puts customers who rated none of the shown movies after all others, however near the mean', () => {
    const s = selectClusters(data, data.matrix, labels, 2, {
      maxUsers: 3,
      maxMovies: 1,
      minClusterSize: 1,
      mode: 'distinctive',
    }).drawn[0];
    // movies 4 and 5 tie on excess: 4 by its lower id. 14 (distance 26.94) did not rate it, 13 (27.94) did
    assert.deepEqual([...s.movieIds], [4]);
    assert.deepEqual([...s.customerIds], [11, 12, 13]);
  });

  it('sample shows the whole cluster when it has no more than --max-users customers', () => {
    const s = selectClusters(data, data.matrix, labels, 2, {
      maxUsers: 70,
      maxMovies: 50,
      minClusterSize: 1,
      mode: 'sample',
    }).drawn[1];
    assert.deepEqual([...s.customerIds].sort(), [21, 22, 23]);
  });
});
