import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { combinedSpec, overviewColumns } from '../../src/plot/heatmap-spec.js';
import { heatmapStyle } from '../../src/plot/heatmap-style.js';
import { renderPng } from '../../src/plot/render.js';
import type { ClusterSelection } from '../../src/plot/select.js';
import { Rng } from '../../src/util/random.js';

/** A full-shape (70 customers x 50 movies) selection with a third of its cells rated, made up. */
function fullShape(cluster: number, rng: Rng): ClusterSelection {
  const rows = 70;
  const cols = 50;
  const values = Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => (rng.next() < 0.33 ? 1 + rng.int(5) : null)),
  );
  return {
    cluster,
    size: 1000 + cluster,
    mode: 'densest',
    seed: 0,
    order: 'count',
    totalMovies: 5332,
    clusterRatings: 500_000,
    rows: Int32Array.from({ length: rows }, (_, i) => i),
    customerIds: Int32Array.from({ length: rows }, (_, i) => 1000 * cluster + i + 1),
    customerCounts: new Int32Array(rows),
    columns: Int32Array.from({ length: cols }, (_, j) => j),
    movieIds: Int32Array.from({ length: cols }, (_, j) => j + 1),
    movieCounts: new Int32Array(cols),
    values,
  };
}

// pixel sizes at --scale 1 with the bundled fonts; A4 is 1:1.41, so each fits a page either way round
const expected: Record<number, { columns: number; width: number; height: number }> = {
  3: { columns: 2, width: 787, height: 905 },
  5: { columns: 3, width: 1054, height: 905 },
  12: { columns: 3, width: 1054, height: 1759 },
};

describe('the overview (clusters.png)', () => {
  for (const n of [3, 5, 12]) {
    it(`${n} full-shape clusters: a grid of ${expected[n].columns} columns, aspect within 1:2.5 .. 2.5:1`, async () => {
      const rng = new Rng(n);
      const sels = Array.from({ length: n }, (_, c) => fullShape(c, rng));
      assert.equal(overviewColumns(sels), expected[n].columns);
      const image = await renderPng(combinedSpec(sels, heatmapStyle('ratings', sels)), 1);
      await image.png;
      const aspect = image.width / image.height;
      assert.ok(aspect >= 1 / 2.5 && aspect <= 2.5, `${image.width} x ${image.height}`);
      assert.deepEqual([image.width, image.height], [expected[n].width, expected[n].height]);
    });
  }
});
