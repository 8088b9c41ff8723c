import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { fitKMeans, type KMeansResult } from '../../src/kmeans/fit.js';
import { scatterRowIntoCenter } from '../../src/kmeans/kernels.js';
import { centerSquaredNorms } from '../../src/matrix/norms.js';
import { meanColumnVariance } from '../../src/kmeans/variance.js';
import { SerialRunner } from '../../src/kmeans/passes/serial-runner.js';
import { createPassRunner } from '../../src/kmeans/passes/runner.js';
import { splitBlocks, WorkerRunner } from '../../src/kmeans/passes/worker-runner.js';
import { blockCount, BLOCK_ROWS } from '../../src/kmeans/kernels.js';
import type { CsrMatrix } from '../../src/matrix/csr.js';
import { isSharedMatrix } from '../../src/matrix/shared.js';
import { transformMatrix, type MatrixKind } from '../../src/matrix/transform.js';
import { sameBits, smallRatings, supportUrl } from '../support/parallel.js';

// 5,000 rows: three blocks of BLOCK_ROWS, so two and three threads split them differently
const data = smallRatings(5000, 11);

function assertSameResult(a: KMeansResult, b: KMeansResult, what: string): void {
  assert.ok(sameBits(a.labels, b.labels), `${what}: labels`);
  assert.ok(sameBits(a.centers, b.centers), `${what}: centres`);
  assert.ok(Object.is(a.inertia, b.inertia), `${what}: inertia ${a.inertia} vs ${b.inertia}`);
  assert.equal(a.nIter, b.nIter, `${what}: iterations`);
  assert.deepEqual(a.sizes, b.sizes, `${what}: sizes`);
}

async function fitWith(m: CsrMatrix, threads: number, k: number, seed: number): Promise<KMeansResult> {
  const runner = await createPassRunner(m, threads);
  try {
    return await fitKMeans(m, { k, seed, maxIter: 60 }, runner);
  } finally {
    await runner.close();
  }
}

describe('createPassRunner', () => {
  test('one thread (or fewer) is the serial runner; more start workers over shared memory', async () => {
    assert.ok((await createPassRunner(data.matrix, 1)) instanceof SerialRunner);
    assert.ok((await createPassRunner(data.matrix, 0)) instanceof SerialRunner);
    const runner = await createPassRunner(data.matrix, 2);
    try {
      assert.ok(runner instanceof WorkerRunner);
      assert.ok(sameBits(runner.rowNorms(), new SerialRunner(data.matrix).rowNorms()));
      // the scale of --tol, made once per runner (the worker runner's while its workers start)
      const variance = meanColumnVariance(data.matrix);
      assert.ok(Object.is(runner.meanColumnVariance(), variance));
      assert.ok(Object.is(new SerialRunner(data.matrix).meanColumnVariance(), variance));
    } finally {
      await runner.close();
    }
  });

  test('more threads than blocks: one worker per block at most', async () => {
    const tiny = smallRatings(300, 3);
    const runner = await createPassRunner(tiny.matrix, 4);
    assert.ok(runner instanceof SerialRunner, 'a single block runs serially');
    await runner.close();
  });

  test('blocks split into contiguous ranges of about equal entries, each non-empty', () => {
    const m = data.matrix;
    for (const parts of [2, 3]) {
      const bounds = splitBlocks(m, parts);
      assert.equal(bounds.length, parts + 1);
      assert.equal(bounds[0], 0);
      assert.equal(bounds[parts], blockCount(m.nRows));
      for (let j = 0; j < parts; j++) assert.ok(bounds[j + 1] > bounds[j]);
    }
    assert.ok(BLOCK_ROWS * 2 < m.nRows);
  });
});

describe('the worker-thread runner gives the serial bits', () => {
  for (const kind of ['ratings', 'binary', 'centered'] as MatrixKind[]) {
    test(`${kind}: threads 1, 2 and 3 give identical labels, centres and inertia`, async () => {
      const m = transformMatrix(data.matrix, kind);
      const serial = await fitKMeans(m, { k: 5, seed: 4, maxIter: 60 });
      for (const threads of [1, 2, 3])
        assertSameResult(await fitWith(m, threads, 5, 4), serial, `${kind}, ${threads} threads`);
    });
  }

  test('many centres (the generic kernel past the specialised ones): identical too', async () => {
    const serial = await fitKMeans(data.matrix, { k: 14, seed: 2, maxIter: 60 });
    assertSameResult(await fitWith(data.matrix, 2, 14, 2), serial, 'k=14');
  });

  test('the same runner across restarts (n_init) and values of k', async () => {
    const m = data.matrix;
    const runner = await createPassRunner(m, 2);
    try {
      for (const k of [3, 6, 3]) {
        const serial = await fitKMeans(m, { k, seed: k, nInit: 2, maxIter: 40 });
        assertSameResult(await fitKMeans(m, { k, seed: k, nInit: 2, maxIter: 40 }, runner), serial, `k=${k}`);
      }
    } finally {
      await runner.close();
    }
  });

  test('a candidate pass (k-means++ scoring) matches the serial one bit for bit', async () => {
    const m = data.matrix;
    const t = 3;
    const candT = new Float64Array(m.nCols * t);
    for (let c = 0; c < t; c++) scatterRowIntoCenter(m, 100 + 1000 * c, candT, t, c);
    const closest = new Float64Array(m.nRows).map((_, i) => (i % 7 === 0 ? 50 : Number.POSITIVE_INFINITY));
    const outSerial = new Float64Array(m.nRows * t);
    const outWorkers = new Float64Array(m.nRows * t);
    const serial = await new SerialRunner(m).candidatePass({
      candT,
      candNorms: centerSquaredNorms(candT, t),
      t,
      closest,
      out: outSerial,
    });
    const runner = await createPassRunner(m, 2);
    try {
      const workers = await runner.candidatePass({
        candT,
        candNorms: centerSquaredNorms(candT, t),
        t,
        closest,
        out: outWorkers,
      });
      assert.ok(sameBits(serial, workers));
      assert.ok(sameBits(outSerial, outWorkers));
    } finally {
      await runner.close();
    }
  });

  test('the matrix is copied into shared memory once; a shared matrix is used as it is', async () => {
    assert.equal(isSharedMatrix(data.matrix), false);
    const runner = await createPassRunner(data.matrix, 2);
    await runner.close();
    assert.equal(isSharedMatrix(data.matrix), false, 'the caller keeps its own arrays');
  });
});

describe('a failing worker fails the run cleanly', () => {
  const saved = process.env.NC_FAIL_MODE;
  after(() => {
    if (saved === undefined) delete process.env.NC_FAIL_MODE;
    else process.env.NC_FAIL_MODE = saved;
  });
  const workerUrl = supportUrl('failing-pass-worker');

  for (const [mode, pattern] of [
    ['throw', /k-means: a worker thread failed: injected failure/],
    ['exit', /k-means: a worker thread exited unexpectedly \(code 3\)/],
  ] as const) {
    test(`a worker that ${mode === 'throw' ? 'throws' : 'exits'} mid-pass rejects the fit, and the runner stays failed`, async () => {
      process.env.NC_FAIL_MODE = mode;
      const runner = await createPassRunner(data.matrix, 2, { workerUrl });
      await assert.rejects(fitKMeans(data.matrix, { k: 5, seed: 1 }, runner), pattern);
      const labels = new Int32Array(data.matrix.nRows);
      const dist = new Float64Array(data.matrix.nRows);
      const centersT = new Float64Array(5 * data.matrix.nCols);
      await assert.rejects(
        runner.lloydPass({
          centersT,
          cNorms: new Float64Array(5),
          k: 5,
          labels,
          minDist: dist,
          sumsT: null,
          counts: null,
        }),
        pattern,
      );
      await runner.close();
    });
  }

  test('a worker that cannot load rejects createPassRunner', async () => {
    process.env.NC_FAIL_MODE = 'load';
    await assert.rejects(
      createPassRunner(data.matrix, 2, { workerUrl }),
      /k-means: a worker thread failed: injected load failure/,
    );
  });
});
