import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadImage } from 'canvas';
import { ELBOW_PLOT_SIZE, elbowSpec } from '../../src/plot/elbow-spec.js';
import { renderSpecToPng } from '../../src/plot/render.js';

const points = [
  { k: 1, inertia: 100, silhouette: null },
  { k: 2, inertia: 70, silhouette: 0.31 },
  { k: 3, inertia: 60, silhouette: 0.22 },
];

test('the spec: inertia and silhouette layers on independent y scales, the points as data, nulls kept', () => {
  const spec = elbowSpec(points, { subtitle: 'sub' }) as Record<string, any>;
  assert.equal(spec.layer.length, 2);
  assert.deepEqual(
    spec.layer.map((l: any) => l.encoding.y.field),
    ['inertia', 'silhouette'],
  );
  assert.deepEqual(spec.resolve, { scale: { y: 'independent' } });
  assert.deepEqual(spec.data.values, points);
  assert.equal(spec.encoding.x.field, 'k');
  assert.equal(spec.title.subtitle, 'sub');
  // a pure function: the same input gives the same spec
  assert.deepEqual(elbowSpec(points, { subtitle: 'sub' }), spec);
});

test('renders to a PNG of exactly the chart size times the scale', async () => {
  for (const scale of [1, 2]) {
    const png = await renderSpecToPng(elbowSpec(points), scale);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const img = await loadImage(png);
    assert.equal(img.width, ELBOW_PLOT_SIZE.width * scale);
    assert.equal(img.height, ELBOW_PLOT_SIZE.height * scale);
  }
});
