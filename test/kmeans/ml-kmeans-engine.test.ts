import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitKMeans } from '../../src/kmeans/fit.js';
import { fitWithMlKmeans } from '../../src/kmeans/ml-kmeans-engine.js';
import { kmeansPlusPlus } from '../../src/kmeans/init.js';
import { toRowMajor } from '../../src/kmeans/layout.js';
import { SerialRunner } from '../../src/kmeans/passes/serial-runner.js';
import { transformMatrix, type MatrixKind } from '../../src/matrix/transform.js';
import { Rng } from '../../src/util/random.js';
import { plantedMatrix } from '../helpers.js';

for (const kind of ['ratings', 'binary', 'centered'] as MatrixKind[]) {
  test(`sparse engine and ml-kmeans agree from the same initial centres (${kind})`, async () => {
    const m = transformMatrix(plantedMatrix(400, 120, 0.12, 4, 21), kind);
    const start = toRowMajor(await kmeansPlusPlus(m, 5, new Rng(3), new SerialRunner(m)), 5, m.nCols);
    const sparse = await fitKMeans(m, { k: 5, tol: 0, initialCenters: start });
    const dense = await fitWithMlKmeans(m, { k: 5, tol: 0, initialCenters: start });
    assert.ok(sparse.nIter > 2, 'a run that converges at once proves little');
    assert.deepEqual(sparse.labels, dense.labels);
    assert.ok(
      Math.abs(sparse.inertia - dense.inertia) <= 1e-9 * dense.inertia,
      `${sparse.inertia} vs ${dense.inertia}`,
    );
    assert.deepEqual(sparse.sizes, dense.sizes);
    for (let i = 0; i < sparse.centers.length; i++) {
      assert.ok(Math.abs(sparse.centers[i] - dense.centers[i]) <= 1e-12, `centre value ${i}`);
    }
  });
}
