import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { fromDenseRows, type CsrMatrix } from '../../src/matrix/csr.js';
import { residualMatrix, fitBaseline } from '../../src/matrix/baseline.js';
import { projectRows, randomizedSvd } from '../../src/matrix/svd.js';
import { chunkCount } from '../../src/matrix/row-chunks.js';
import { sameBits, smallRatings } from '../support/parallel.js';
import { csrMemoryOf, kernelMatrix } from '../../src/matrix/shared.js';

// A = 3 a1 b1^T + 2 a2 b2^T + 1 a3 b3^T with orthogonal +-1 vectors, a zero row and a zero column appended: the
// entries are small integers (exact in Float32) and the singular values are s_i |a_i| |b_i| = s_i sqrt(8) sqrt(4).
const a = [
  [1, 1, 1, 1, 1, 1, 1, 1],
  [1, -1, 1, -1, 1, -1, 1, -1],
  [1, 1, -1, -1, 1, 1, -1, -1],
];
const b = [
  [1, 1, 1, 1],
  [1, 1, -1, -1],
  [1, -1, 1, -1],
];
const s = [3, 2, 1];
function lowRank(): CsrMatrix {
  const rows: number[][] = [];
  for (let i = 0; i < 8; i++) {
    const row: number[] = [];
    for (let j = 0; j < 4; j++)
      row.push(s[0] * a[0][i] * b[0][j] + s[1] * a[1][i] * b[1][j] + s[2] * a[2][i] * b[2][j]);
    row.push(0);
    rows.push(row);
  }
  rows.push([0, 0, 0, 0, 0]);
  return fromDenseRows(rows);
}
const rel = (x: number, y: number) => Math.abs(x - y) / Math.abs(y);

test('randomizedSvd: exact singular values, basis and customer factors of an exactly rank-3 matrix', async () => {
  const m = lowRank();
  assert.ok(m.rowPtr[m.nRows] < m.nRows * m.nCols, 'the fixture is sparse');
  const r = await randomizedSvd(m, 3, { seed: 1, powerIterations: 1 });
  const expected = s.map((x) => x * Math.sqrt(8) * Math.sqrt(4));
  for (let d = 0; d < 3; d++)
    assert.ok(rel(r.singularValues[d], expected[d]) < 1e-9, `sigma_${d} ${r.singularValues[d]} vs ${expected[d]}`);
  // V's columns are +-b_i / 2 (the sign is a convention: b's entries tie in magnitude, so rounding picks it)
  const sign = [0, 1, 2].map((d) => Math.sign(r.basis[d]));
  for (let j = 0; j < 5; j++) {
    for (let d = 0; d < 3; d++) {
      const want = j < 4 ? (sign[d] * b[d][j]) / 2 : 0;
      assert.ok(Math.abs(r.basis[j * 3 + d] - want) < 1e-12, `V[${j},${d}] = ${r.basis[j * 3 + d]}, want ${want}`);
    }
  }
  // A V = U S: row i is s_d a_d[i] |b_d| = 2 s_d a_d[i]; the zero row stays at the origin
  for (let i = 0; i < 9; i++) {
    for (let d = 0; d < 3; d++) {
      const want = i < 8 ? 2 * sign[d] * s[d] * a[d][i] : 0;
      assert.ok(
        Math.abs(r.userFactors[i * 3 + d] - want) < 1e-12,
        `US[${i},${d}] = ${r.userFactors[i * 3 + d]}, want ${want}`,
      );
    }
  }
  assert.ok(Math.abs(r.explainedShare - 1) < 1e-12, `explained ${r.explainedShare}`);
  const projected = await projectRows(m, r.basis, 3);
  assert.ok(sameBits(projected, r.userFactors), 'projecting the training rows gives the fitted factors bit for bit');
});

test('randomizedSvd: top 10 of 20 singular values within 1e-3 of the dense Gram eigenvalues on generated residual ratings', async () => {
  const data = smallRatings(1500, 7, 120);
  const m = residualMatrix(data.matrix, fitBaseline(data.matrix));
  const r = await randomizedSvd(m, 20, { seed: 3 });
  // reference: eigenvalues of A^T A (120 x 120), dense
  const gram = Matrix.zeros(m.nCols, m.nCols);
  for (let i = 0; i < m.nRows; i++) {
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) {
      for (let q = m.rowPtr[i]; q < m.rowPtr[i + 1]; q++) {
        gram.set(m.colIdx[p], m.colIdx[q], gram.get(m.colIdx[p], m.colIdx[q]) + m.values![p] * m.values![q]);
      }
    }
  }
  const eig = new EigenvalueDecomposition(gram, { assumeSymmetric: true }).realEigenvalues
    .slice()
    .sort((x, y) => y - x);
  for (let d = 0; d < 10; d++) {
    const want = Math.sqrt(eig[d]);
    assert.ok(
      rel(r.singularValues[d], want) < 1e-3,
      `sigma_${d} ${r.singularValues[d]} vs ${want} (${rel(r.singularValues[d], want)})`,
    );
  }
  for (let d = 1; d < 20; d++) assert.ok(r.singularValues[d] <= r.singularValues[d - 1], 'descending');
});

test('randomizedSvd: the same bits on 1 and 2 threads (several row chunks)', async () => {
  const m = smallRatings(9000, 2, 80).matrix;
  assert.ok(chunkCount(m.nRows) > 1, 'more than one chunk, so the threads split the rows');
  const one = await randomizedSvd(m, 5, { seed: 4, threads: 1 });
  const two = await randomizedSvd(m, 5, { seed: 4, threads: 2 });
  assert.ok(sameBits(one.singularValues, two.singularValues), 'singular values');
  assert.ok(sameBits(one.basis, two.basis), 'basis');
  assert.ok(sameBits(one.userFactors, two.userFactors), 'customer factors');
  const other = await randomizedSvd(m, 5, { seed: 5, threads: 1 });
  assert.ok(!sameBits(one.basis, other.basis), 'another seed draws another start');
  // the ratings in a WebAssembly memory (as the .csr and CSV readers leave them): read in place, the same bits
  const inMemory = kernelMatrix(m);
  assert.ok(csrMemoryOf(inMemory) !== null);
  for (const threads of [1, 2]) {
    const r = await randomizedSvd(inMemory, 5, { seed: 4, threads });
    assert.ok(sameBits(r.basis, one.basis) && sameBits(r.userFactors, one.userFactors), `in place, ${threads} threads`);
  }
});

test('products: A^T A X in one pass gives the bits of A X then A^T Y, serial and on 2 threads', async () => {
  const { createProductRunner } = await import('../../src/matrix/svd/products.js');
  const m = smallRatings(7000, 6, 50).matrix;
  const l = 7;
  const x = new Float64Array(m.nCols * l).map((_, i) => Math.sin(i));
  for (const threads of [1, 2]) {
    const runner = await createProductRunner(m, threads);
    try {
      const y = new Float64Array(m.nRows * l);
      const twoPass = new Float64Array(m.nCols * l);
      const onePass = new Float64Array(m.nCols * l);
      await runner.multiply(x, l, y);
      await runner.multiplyTransposed(y, l, twoPass);
      await runner.multiplyGram(x, l, onePass);
      assert.ok(sameBits(onePass, twoPass), `threads ${threads}`);
    } finally {
      await runner.close();
    }
  }
});
