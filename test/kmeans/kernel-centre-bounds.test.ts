import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CentreDots } from '../../src/kmeans/centre-dots.js';
import { labelsFromDots } from '../../src/kmeans/kernel-centre-bounds.js';
import { lloydRowsKernel, offsetsFitInt32 } from '../../src/kmeans/kernel-codegen.js';
import { addRowsToSums } from '../../src/kmeans/kernels.js';
import { advanceBounds, createRowBounds, type RowBounds } from '../../src/kmeans/row-bounds.js';
import type { CsrMatrix } from '../../src/matrix/csr.js';
import { centerSquaredNorms, rowSquaredNorms } from '../../src/matrix/norms.js';
import { transformMatrix, type MatrixKind } from '../../src/matrix/transform.js';
import { Rng } from '../../src/util/random.js';
import { sameBits, smallRatings } from '../support/parallel.js';
import { lloydBlock } from '../support/plain-passes.js';

/** k rows of m as the first centres (transposed). */
function rowsAsCentres(m: CsrMatrix, k: number, rng: Rng): Float64Array {
  const centersT = new Float64Array(m.nCols * k);
  for (let c = 0; c < k; c++) {
    const r = rng.int(m.nRows);
    for (let p = m.rowPtr[r]; p < m.rowPtr[r + 1]; p++)
      centersT[m.colIdx[p] * k + c] = m.values === null ? 1 : m.values[p];
  }
  return centersT;
}

/** The Lloyd update: each centre the mean of its rows (an empty one stays). */
function meanCentres(m: CsrMatrix, k: number, labels: Int32Array, old: Float64Array): Float64Array {
  const sums = new Float64Array(old.length);
  const counts = new Float64Array(k);
  addRowsToSums(m, k, 0, m.nRows, labels, sums, counts);
  for (let p = 0; p < sums.length; p++) sums[p] = counts[p % k] > 0 ? sums[p] / counts[p % k] : old[p];
  return sums;
}

function sameBounds(a: RowBounds, b: RowBounds): boolean {
  return sameBits(a.held, b.held) && sameBits(a.upper, b.upper) && sameBits(a.lower, b.lower);
}

describe('the per-centre kernel (k > 6): WebAssembly and JavaScript dot products give the same bits', () => {
  const source = smallRatings(700, 11).matrix;
  for (const kind of ['ratings', 'binary', 'centered'] as MatrixKind[]) {
    test(`${kind}: ten Lloyd passes from labelsFromDots, with and without distances, equal to the plain pass`, () => {
      const m = transformMatrix(source, kind);
      const n = m.nRows;
      const xNorms = rowSquaredNorms(m);
      for (const k of [7, 13, 50]) {
        const int32 = offsetsFitInt32(m);
        const wasmKernel = lloydRowsKernel(k, 1, m.values === null, int32, true);
        const jsKernel = lloydRowsKernel(k, 1, m.values === null, int32, false);
        const dots = new CentreDots();
        dots.bind(m, 0, n);
        const a = createRowBounds(0, n, k, m.nCols, 1);
        const b = createRowBounds(0, n, k, m.nCols, 1);
        let centersT = rowsAsCentres(m, k, new Rng(k));
        let moved = 0;
        for (let pass = 0; pass < 10; pass++) {
          const cNorms = centerSquaredNorms(centersT, k);
          advanceBounds(a, centersT, cNorms, k);
          advanceBounds(b, centersT, cNorms, k);
          // distances on every third pass, as the final pass and re-seeding want them
          const withDist = pass % 3 === 2;
          const la = new Int32Array(n);
          const lb = new Int32Array(n);
          const da = withDist ? new Float64Array(n) : null;
          const db = withDist ? new Float64Array(n) : null;
          dots.setCentres(m, centersT, k);
          if (pass === 0) {
            const all = dots.rowDots(m, 0, n);
            labelsFromDots(m, xNorms, cNorms, k, 0, n, la, da, a, all, dots.stride);
            labelsFromDots(m, xNorms, cNorms, k, 0, n, lb, db, b, all, dots.stride);
            a.valid = b.valid = true;
          } else {
            const { rowPtr, colIdx, values } = m;
            wasmKernel(rowPtr, colIdx, values, xNorms, centersT, cNorms, 0, n, la, da, a, dots.todoDots(m, 0));
            jsKernel(rowPtr, colIdx, values, xNorms, centersT, cNorms, 0, n, lb, db, b, null);
          }
          const what = `${kind} k=${k} pass ${pass}`;
          assert.ok(sameBits(la, lb), `${what}: labels`);
          assert.ok(sameBounds(a, b), `${what}: bounds`);
          const plain = new Int32Array(n);
          const plainDist = new Float64Array(n);
          lloydBlock(m, xNorms, centersT, cNorms, k, 0, n, plain, plainDist, null, null);
          assert.ok(sameBits(la, plain), `${what}: the plain pass's labels`);
          if (da !== null) {
            assert.ok(sameBits(da, db!), `${what}: distances`);
            assert.ok(sameBits(da, plainDist), `${what}: the plain pass's distances`);
          }
          const next = meanCentres(m, k, la, centersT);
          for (let p = 0; p < next.length; p++) if (next[p] !== centersT[p]) moved++;
          centersT = next;
        }
        assert.ok(moved > 0, 'the centres moved');
      }
    });
  }
});
