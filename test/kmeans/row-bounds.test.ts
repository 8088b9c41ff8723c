import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { fitKMeans } from '../../src/kmeans/fit.js';
import { blockCount, BLOCK_ROWS } from '../../src/kmeans/kernels.js';
import { sumInBlockOrder } from '../../src/kmeans/passes/reduce.js';
import type { CandidateWork, LloydWork, PassRunner } from '../../src/kmeans/passes/runner.js';
import { createPassRunner } from '../../src/kmeans/passes/runner.js';
import { SerialRunner } from '../../src/kmeans/passes/serial-runner.js';
import { meanColumnVariance } from '../../src/kmeans/variance.js';
import { groupSizeFor } from '../../src/kmeans/row-bounds.js';
import type { CsrMatrix } from '../../src/matrix/csr.js';
import { transformMatrix, type MatrixKind } from '../../src/matrix/transform.js';
import { sameBits, smallRatings } from '../support/parallel.js';
import { candidateDistancesBlock, lloydBlock } from '../support/plain-passes.js';

/**
 * The plainest runner: every distance of every row on every pass (lloydBlock carries no bounds), block partials
 * folded in block order. The runners with bounds and running sums must reproduce it bit for bit.
 */
class FullRunner implements PassRunner {
  private readonly serial: SerialRunner;
  constructor(private readonly m: CsrMatrix) {
    this.serial = new SerialRunner(m);
  }
  rowNorms(): Float64Array {
    return this.serial.rowNorms();
  }
  meanColumnVariance(): number {
    return meanColumnVariance(this.m);
  }
  async lloydPass({ centersT, cNorms, k, labels, minDist: wanted, sumsT, counts }: LloydWork): Promise<number> {
    const { m } = this;
    const minDist = wanted ?? new Float64Array(m.nRows);
    const nBlocks = blockCount(m.nRows);
    const inertia = new Float64Array(nBlocks);
    const blockSums = sumsT === null ? null : new Float64Array(sumsT.length);
    const blockCounts = counts === null ? null : new Float64Array(k);
    sumsT?.fill(0);
    counts?.fill(0);
    for (let b = 0; b < nBlocks; b++) {
      const r0 = b * BLOCK_ROWS;
      blockSums?.fill(0);
      blockCounts?.fill(0);
      inertia[b] = lloydBlock(
        m,
        this.rowNorms(),
        centersT,
        cNorms,
        k,
        r0,
        Math.min(m.nRows, r0 + BLOCK_ROWS),
        labels,
        minDist,
        blockSums,
        blockCounts,
      );
      if (blockSums !== null) for (let j = 0; j < blockSums.length; j++) sumsT![j] += blockSums[j];
      if (blockCounts !== null) for (let c = 0; c < k; c++) counts![c] += blockCounts[c];
    }
    return wanted === null ? Number.NaN : sumInBlockOrder(inertia, nBlocks);
  }
  async candidatePass({ candT, candNorms, t, closest, out }: CandidateWork): Promise<Float64Array> {
    const { m } = this;
    const total = new Float64Array(t);
    const pots = new Float64Array(t);
    for (let r0 = 0; r0 < m.nRows; r0 += BLOCK_ROWS) {
      pots.fill(0);
      candidateDistancesBlock(
        m,
        this.rowNorms(),
        candT,
        candNorms,
        t,
        r0,
        Math.min(m.nRows, r0 + BLOCK_ROWS),
        closest,
        out,
        pots,
      );
      for (let c = 0; c < t; c++) total[c] += pots[c];
    }
    return total;
  }
  async close(): Promise<void> {}
}

describe('bounds, passes without distances and running sums change nothing', () => {
  const data = smallRatings(3000, 21);
  for (const kind of ['ratings', 'binary', 'centered'] as MatrixKind[]) {
    test(`${kind}: the serial runner gives the bits of full passes`, async () => {
      const m = transformMatrix(data.matrix, kind);
      for (const k of [2, 5, 8]) {
        const full = await fitKMeans(m, { k, seed: k, maxIter: 80 }, new FullRunner(m));
        const fast = await fitKMeans(m, { k, seed: k, maxIter: 80 });
        assert.ok(full.nIter > 3, 'enough iterations for the bounds to matter');
        assert.ok(sameBits(fast.labels, full.labels), `${kind} k=${k}: labels`);
        assert.ok(sameBits(fast.centers, full.centers), `${kind} k=${k}: centres`);
        assert.ok(Object.is(fast.inertia, full.inertia), `${kind} k=${k}: inertia`);
        assert.equal(fast.nIter, full.nIter);
      }
    });
  }
});

describe('several k-means++ starts on one runner (bounds carried from one start to the next, first passes from the starts)', () => {
  const data = smallRatings(3000, 17);
  test('n-init 3 at k = 4 and 9 gives the bits of full passes on 1 and 2 threads', async () => {
    const m = data.matrix;
    for (const k of [4, 9]) {
      const options = { k, seed: 3, nInit: 3, maxIter: 60 };
      const full = await fitKMeans(m, options, new FullRunner(m));
      for (const threads of [1, 2]) {
        const runner = await createPassRunner(m, threads);
        const fast = await fitKMeans(m, options, runner).finally(() => runner.close());
        const what = `k=${k} threads=${threads}`;
        assert.ok(sameBits(fast.labels, full.labels), `${what}: labels`);
        assert.ok(sameBits(fast.centers, full.centers), `${what}: centres`);
        assert.ok(Object.is(fast.inertia, full.inertia), `${what}: inertia`);
        assert.equal(fast.nIter, full.nIter, `${what}: iterations`);
      }
    }
  });
});

describe('fit with passes without distances', () => {
  const data = smallRatings(3000, 33, 150);

  /** Squared distance from row i to centre c (row-major centres), entry by entry. */
  function distance(m: CsrMatrix, centers: Float64Array, c: number, i: number): number {
    const nCols = m.nCols;
    let d = 0;
    for (let j = 0; j < nCols; j++) d += centers[c * nCols + j] ** 2;
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) {
      const v = m.values === null ? 1 : m.values[p];
      const w = centers[c * nCols + m.colIdx[p]];
      d += (v - w) ** 2 - w ** 2;
    }
    return d;
  }

  for (const kind of ['ratings', 'centered'] as MatrixKind[]) {
    test(`${kind}: labels are the nearest centres, the inertia is theirs, one finite progress inertia per iteration (also with a re-seeded cluster)`, async () => {
      const m = transformMatrix(data.matrix, kind);
      const far = new Float64Array(3 * m.nCols).fill(1000, 2 * m.nCols);
      for (const options of [
        { k: 4, seed: 1 },
        { k: 3, initialCenters: far },
      ]) {
        const progress: number[] = [];
        const r = await fitKMeans(m, {
          ...options,
          maxIter: 100,
          onIteration: (_i, inertia) => progress.push(inertia),
        });
        let inertia = 0;
        for (let i = 0; i < m.nRows; i++) {
          const own = distance(m, r.centers, r.labels[i], i);
          for (let c = 0; c < r.k; c++)
            assert.ok(own <= distance(m, r.centers, c, i) + 1e-9 * (1 + Math.abs(own)), `row ${i}`);
          inertia += Math.max(0, own);
        }
        assert.ok(Math.abs(r.inertia - inertia) <= 1e-9 * inertia, `inertia ${r.inertia} vs ${inertia}`);
        assert.equal(progress.length, r.nIter);
        assert.ok(progress.every(Number.isFinite));
        if (options.initialCenters) assert.ok(r.emptyClustersReseeded > 0, 'the far centre was re-seeded');
      }
    });
  }
});

describe('grouped bounds for many centres (Yinyang groups, Elkan per-centre bounds) change nothing either', () => {
  const data = smallRatings(3000, 21);
  const saved = process.env.NC_KMEANS_GROUP_SIZE;
  after(() => {
    if (saved === undefined) delete process.env.NC_KMEANS_GROUP_SIZE;
    else process.env.NC_KMEANS_GROUP_SIZE = saved;
  });

  for (const kind of ['ratings', 'centered'] as MatrixKind[]) {
    test(`${kind}: k = 13, 20, 50 on 1, 2 and 3 threads and under every bound scheme give the bits of full passes`, async () => {
      const m = transformMatrix(data.matrix, kind);
      for (const k of [13, 20, 50]) {
        delete process.env.NC_KMEANS_GROUP_SIZE;
        const options = { k, seed: k, maxIter: 40 };
        const full = await fitKMeans(m, options, new FullRunner(m));
        assert.ok(full.nIter > 3, 'enough iterations for the bounds to matter');
        // the default scheme for this k (Elkan's per-centre bounds) on 1, 2 and 3 threads, then Hamerly's single
        // bound and Yinyang groups of 3 on 2
        assert.equal(groupSizeFor(k), 1, 'the default is per-centre bounds');
        for (const groupSize of [undefined, k, 3]) {
          if (groupSize !== undefined) process.env.NC_KMEANS_GROUP_SIZE = String(groupSize);
          for (const threads of groupSize === undefined ? [1, 2, 3] : [2]) {
            const runner = await createPassRunner(m, threads);
            const fast = await fitKMeans(m, options, runner).finally(() => runner.close());
            const what = `${kind} k=${k} groups of ${groupSize ?? 'default'} threads=${threads}`;
            assert.ok(sameBits(fast.labels, full.labels), `${what}: labels`);
            assert.ok(sameBits(fast.centers, full.centers), `${what}: centres`);
            assert.ok(Object.is(fast.inertia, full.inertia), `${what}: inertia ${fast.inertia} vs ${full.inertia}`);
            assert.equal(fast.nIter, full.nIter, `${what}: iterations`);
          }
        }
      }
    });
  }
});
