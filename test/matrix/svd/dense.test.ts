import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCrossProducts, orthonormalizeColumns, symmetricEigen } from '../../../src/matrix/svd/dense.js';
import { Rng } from '../../../src/util/random.js';
import { sameBits } from '../../support/parallel.js';

// The plain loops the dense kernels must reproduce bit for bit: classical Gram-Schmidt twice per column, one row
// at a time, each sum over the rows in ascending order; K^T W one row at a time, rows with k[r][a] = 0 skipped.
function plainOrthonormalize(a: Float64Array, rows: number, stride: number, from: number, to: number): void {
  for (let j = from; j < to; j++) {
    let before = 0;
    for (let r = 0; r < rows; r++) before += a[r * stride + j] * a[r * stride + j];
    for (let pass = 0; pass < 2; pass++) {
      const dots = new Float64Array(j);
      for (let r = 0; r < rows; r++) for (let i = 0; i < j; i++) dots[i] += a[r * stride + i] * a[r * stride + j];
      for (let r = 0; r < rows; r++) {
        let v = a[r * stride + j];
        for (let i = 0; i < j; i++) v -= dots[i] * a[r * stride + i];
        a[r * stride + j] = v;
      }
    }
    let after = 0;
    for (let r = 0; r < rows; r++) after += a[r * stride + j] * a[r * stride + j];
    const scale = after > 1e-24 * before && after > 0 ? 1 / Math.sqrt(after) : 0;
    for (let r = 0; r < rows; r++) a[r * stride + j] *= scale;
  }
}

function plainCross(k: Float64Array, w: Float64Array, rows: number, stride: number): Float64Array {
  const gram = new Float64Array(stride * stride);
  for (let r = 0; r < rows; r++) {
    for (let a = 0; a < stride; a++) {
      const ka = k[r * stride + a];
      if (ka === 0) continue;
      for (let c = 0; c < stride; c++) gram[a * stride + c] += ka * w[r * stride + c];
    }
  }
  return gram;
}

function gaussian(rows: number, stride: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: rows * stride }, () => rng.normal());
}

for (const [rows, b, blocks] of [
  [1, 1, 1],
  [3, 2, 2],
  [7, 3, 2],
  [13, 4, 3],
  [402, 10, 4],
] as const) {
  test(`orthonormalizeColumns gives the plain loops' bits, block by block (${rows} rows, ${blocks} blocks of ${b})`, () => {
    const stride = b * blocks;
    const a = gaussian(rows, stride, rows);
    const plain = a.slice();
    for (let j = 0; j < blocks; j++) {
      orthonormalizeColumns(a, rows, stride, j * b, (j + 1) * b);
      plainOrthonormalize(plain, rows, stride, j * b, (j + 1) * b);
    }
    assert.ok(sameBits(a, plain));
  });
}

test('orthonormalizeColumns: orthonormal columns; a column in the span of the earlier ones becomes zero', () => {
  const rows = 50;
  const stride = 6;
  const a = gaussian(rows, stride, 9);
  // column 4 = 2 col0 - col2: in the span
  for (let r = 0; r < rows; r++) a[r * stride + 4] = 2 * a[r * stride] - a[r * stride + 2];
  orthonormalizeColumns(a, rows, stride);
  for (let i = 0; i < stride; i++) {
    for (let j = 0; j <= i; j++) {
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += a[r * stride + i] * a[r * stride + j];
      const expected = i === j && i !== 4 ? 1 : 0;
      assert.ok(Math.abs(dot - expected) < 1e-12, `columns ${i}, ${j}: ${dot}`);
    }
  }
  for (let r = 0; r < rows; r++) assert.ok(a[r * stride + 4] === 0, `row ${r}: ${a[r * stride + 4]}`); // 0 or -0
});

test("addCrossProducts: K^T W in blocks, in any order, gives the one-row loop's bits (zeros in K skipped)", () => {
  const rows = 203;
  const b = 5;
  const blocks = 3;
  const stride = b * blocks;
  const k = gaussian(rows, stride, 1);
  const w = gaussian(rows, stride, 2);
  for (let p = 0; p < k.length; p += 7) k[p] = 0;
  const gram = new Float64Array(stride * stride);
  for (let cb = blocks - 1; cb >= 0; cb--) {
    for (let ab = 0; ab < blocks; ab++)
      addCrossProducts(k, w, rows, stride, gram, ab * b, (ab + 1) * b, cb * b, (cb + 1) * b);
  }
  assert.ok(sameBits(gram, plainCross(k, w, rows, stride)));
  // a hand case: k = [[1, 2], [3, 0]], w = [[5, 6], [7, 8]]: k^T w = [[1*5 + 3*7, 1*6 + 3*8], [2*5, 2*6]]
  const small = new Float64Array(4);
  addCrossProducts(Float64Array.of(1, 2, 3, 0), Float64Array.of(5, 6, 7, 8), 2, 2, small, 0, 2, 0, 2);
  assert.deepEqual([...small], [26, 30, 10, 12]);
});

test('symmetricEigen: the eigenpairs of a 2 x 2 symmetric matrix', () => {
  // [[2, 1], [1, 2]]: eigenvalues 1 and 3, eigenvectors (1, -1) / sqrt 2 and (1, 1) / sqrt 2
  const { values, vectors } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
  const sorted = [...values].sort((x, y) => x - y);
  assert.ok(Math.abs(sorted[0] - 1) < 1e-14 && Math.abs(sorted[1] - 3) < 1e-14, `${sorted}`);
  for (let c = 0; c < 2; c++) {
    const v0 = vectors[c];
    const v1 = vectors[2 + c];
    assert.ok(Math.abs(2 * v0 + v1 - values[c] * v0) < 1e-14 && Math.abs(v0 + 2 * v1 - values[c] * v1) < 1e-14);
  }
});
