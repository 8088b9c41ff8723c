import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CentreDots, TODO_BATCH } from '../../src/kmeans/centre-dots.js';
import { fromDenseRows, type CsrMatrix } from '../../src/matrix/csr.js';
import { csrMemoryOf, kernelMatrix } from '../../src/matrix/shared.js';
import { transformMatrix } from '../../src/matrix/transform.js';
import { Rng } from '../../src/util/random.js';
import { smallRatings } from '../support/parallel.js';
import { plainDot } from '../support/plain-passes.js';

/** k centres of m's width, transposed, with values no rating grid holds (so every rounding shows). */
function randomCentres(nCols: number, k: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const centersT = new Float64Array(nCols * k);
  for (let p = 0; p < centersT.length; p++) centersT[p] = rng.next() * 5 - 0.3;
  return centersT;
}

/** Asserts that rows' dots (row r of `rows` at dots[r * stride + c]) are plainDot's bits, and the padding is 0. */
function assertPlainDots(
  m: CsrMatrix,
  rows: ArrayLike<number>,
  dots: Float64Array,
  stride: number,
  centersT: Float64Array,
  k: number,
  what: string,
): void {
  assert.equal(dots.length, rows.length * stride, what);
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < k; c++) {
      const want = plainDot(m, rows[r], centersT, k, c);
      assert.ok(
        Object.is(dots[r * stride + c], want),
        `${what}: row ${rows[r]} centre ${c}: ${dots[r * stride + c]} vs ${want}`,
      );
    }
    for (let c = k; c < stride; c++) assert.equal(dots[r * stride + c], 0, `${what}: padding`);
  }
}

/** Rows of 0, 1, 2, 3, ... entries first (the odd and even tails), then random half-star rows. */
function mixedRows(cols: number, seed: number): CsrMatrix {
  const rng = new Rng(seed);
  const dense: number[][] = [];
  for (let len = 0; len < 6; len++) dense.push(Array.from({ length: cols }, (_, j) => (j < len ? 0.5 + j : 0)));
  for (let i = 0; i < 40; i++)
    dense.push(Array.from({ length: cols }, () => (rng.next() < 0.4 ? (1 + rng.int(10)) / 2 : 0)));
  return fromDenseRows(dense);
}

describe('CentreDots: the dot products of rows with every centre, in WebAssembly', () => {
  const ratings = mixedRows(37, 3);
  const kinds: [string, CsrMatrix][] = [
    ['ratings', ratings],
    ['binary', transformMatrix(ratings, 'binary')],
    ['centered', transformMatrix(ratings, 'centered')],
  ];
  for (const [kind, m] of kinds) {
    test(`${kind}: each dot is the kernels' even/odd sum, bit for bit, for k = 1 .. 50 (blocks of 8, odd k padded)`, () => {
      const all = Array.from({ length: m.nRows }, (_, i) => i);
      const dots = new CentreDots();
      for (const k of [1, 2, 3, 5, 8, 9, 13, 16, 17, 50]) {
        const centersT = randomCentres(m.nCols, k, k);
        dots.setCentres(m, centersT, k);
        assert.equal(dots.stride, k + (k % 2));
        assertPlainDots(m, all, dots.rowDots(m, 0, m.nRows), dots.stride, centersT, k, `${kind} k=${k} rows`);
        assertPlainDots(m, [3, 4, 5, 6, 7], dots.rowDots(m, 3, 8), dots.stride, centersT, k, `${kind} k=${k} range`);
      }
    });
  }

  test('bound rows give the same bits as copied ones; a range beyond them, or another matrix, is copied', () => {
    const m = smallRatings(300, 5).matrix;
    const other = mixedRows(m.nCols, 8);
    const k = 11;
    const centersT = randomCentres(m.nCols, k, 2);
    const bound = new CentreDots();
    bound.bind(m, 100, 250);
    bound.setCentres(m, centersT, k);
    const copied = new CentreDots();
    copied.setCentres(m, centersT, k);
    for (const [r0, r1] of [
      [100, 250],
      [120, 121],
      [200, 250],
      [90, 260],
      [0, 300],
    ]) {
      const a = Float64Array.from(bound.rowDots(m, r0, r1));
      const b = copied.rowDots(m, r0, r1);
      assert.deepEqual(a, b, `rows ${r0}..${r1}`);
      assertPlainDots(
        m,
        [r0, r1 - 1],
        Float64Array.of(...a.subarray(0, bound.stride), ...a.subarray(a.length - bound.stride)),
        bound.stride,
        centersT,
        k,
        `rows ${r0}..${r1}`,
      );
    }
    // another matrix of the same width, on the bound instance: its own rows, not the bound ones
    bound.setCentres(other, centersT, k);
    const all = Array.from({ length: other.nRows }, (_, i) => i);
    assertPlainDots(other, all, bound.rowDots(other, 0, other.nRows), bound.stride, centersT, k, 'other matrix');
  });

  test('rows in a WebAssembly memory are read in place: the same bits as copied rows, every dot and todo dot', () => {
    const plain = smallRatings(300, 5).matrix;
    for (const m of [kernelMatrix(plain), transformMatrix(kernelMatrix(plain), 'binary')]) {
      const memory = csrMemoryOf(m)!;
      const k = 13;
      const centersT = randomCentres(m.nCols, k, 4);
      const inPlace = new CentreDots(memory);
      inPlace.bind(m, 40, 260);
      inPlace.setCentres(m, centersT, k);
      const copied = new CentreDots();
      copied.bind(m, 40, 260);
      copied.setCentres(m, centersT, k);
      assert.deepEqual(Float64Array.from(inPlace.rowDots(m, 40, 260)), Float64Array.from(copied.rowDots(m, 40, 260)));
      const all = Array.from({ length: 220 }, (_, r) => 40 + r);
      assertPlainDots(m, all, inPlace.rowDots(m, 40, 260), inPlace.stride, centersT, k, 'in place');
      const todo = inPlace.todoDots(m, 40)!;
      for (const i of [40, 41, 150, 259]) {
        todo.todo.set([12, 0, 7]);
        todo.kernels[2](todo.rowAt + (i - 40) * 4, todo.colAt, todo.valAt, todo.centresAt, todo.todoAt, todo.outAt);
        assert.deepEqual(
          Array.from(todo.out.subarray(0, 3)),
          [12, 0, 7].map((c) => plainDot(m, i, centersT, k, c)),
        );
      }
    }
  });

  test('listDots: the listed rows in list order, repeats and empty rows included', () => {
    const m = mixedRows(29, 4);
    const k = 7;
    const centersT = randomCentres(m.nCols, k, 6);
    const dots = new CentreDots();
    dots.setCentres(m, centersT, k);
    const rows = Int32Array.of(40, 0, 3, 3, 45, 1, 12, 0);
    assertPlainDots(m, rows, dots.listDots(m, rows), dots.stride, centersT, k, 'list');
    assert.equal(dots.listDots(m, new Int32Array(0)).length, 0);
  });

  /** Each row's dots with the centres `pick(row)` lists, from the todo kernels, against plainDot. */
  function assertTodoDots(m: CsrMatrix, r0: number, r1: number, centersT: Float64Array, k: number, what: string): void {
    const dots = new CentreDots();
    dots.bind(m, r0, r1);
    dots.setCentres(m, centersT, k);
    const todo = dots.todoDots(m, r0);
    assert.ok(todo !== null, what);
    assert.equal(dots.todoDots(m, r1 + 1), null, `${what}: rows not bound`);
    for (let i = r0; i < r1; i++) {
      for (let size = 1; size <= Math.min(k, TODO_BATCH); size++) {
        // centres from both ends and the middle (at most k: a pass computes each centre once)
        const picked = Array.from({ length: size }, (_, j) => (i * 7 + j * (k - 1 + j)) % k);
        todo.todo.set(picked);
        todo.kernels[size - 1](
          todo.rowAt + (i - r0) * 4,
          todo.colAt,
          todo.valAt,
          todo.centresAt,
          todo.todoAt,
          todo.outAt,
        );
        for (let j = 0; j < size; j++) {
          const want = plainDot(m, i, centersT, k, picked[j]);
          assert.ok(Object.is(todo.out[j], want), `${what}: row ${i} centre ${picked[j]}: ${todo.out[j]} vs ${want}`);
        }
      }
    }
  }

  test("todoDots: a row's dots with a few centres chosen at run time are the same bits, for 1 .. TODO_BATCH centres", () => {
    for (const [kind, m] of kinds) {
      for (const k of [1, 2, 5, 13, 50])
        assertTodoDots(m, 0, m.nRows, randomCentres(m.nCols, k, k + 1), k, `${kind} k=${k}`);
      // bound from row 4 on; a second setCentres replaces the centres the todo kernels read
      const dots = new CentreDots();
      dots.bind(m, 4, m.nRows);
      dots.setCentres(m, randomCentres(m.nCols, 9, 1), 9);
      dots.todoDots(m, 4);
      const centersT = randomCentres(m.nCols, 9, 2);
      dots.setCentres(m, centersT, 9);
      const todo = dots.todoDots(m, 4)!;
      todo.todo.set([8, 0, 4]);
      todo.kernels[2](todo.rowAt + 6 * 4, todo.colAt, todo.valAt, todo.centresAt, todo.todoAt, todo.outAt);
      assert.deepEqual(
        Array.from(todo.out.subarray(0, 3)),
        [8, 0, 4].map((c) => plainDot(m, 10, centersT, 9, c)),
      );
    }
  });

  test('32-bit column indices (65,536 movies or more)', () => {
    const nCols = 70000;
    const m: CsrMatrix = {
      nRows: 3,
      nCols,
      rowPtr: Float64Array.of(0, 3, 3, 6),
      colIdx: Int32Array.of(2, 65535, 69999, 0, 40000, 66000),
      values: Float32Array.of(1, 2.5, -0.75, 4, 0.5, 3),
    };
    const k = 5;
    const centersT = randomCentres(nCols, k, 1);
    const dots = new CentreDots();
    dots.setCentres(m, centersT, k);
    assertPlainDots(m, [0, 1, 2], dots.rowDots(m, 0, 3), dots.stride, centersT, k, 'wide');
    const bound = new CentreDots();
    bound.bind(m, 0, 3);
    bound.setCentres(m, centersT, k);
    assertPlainDots(m, [0, 1, 2], bound.rowDots(m, 0, 3), bound.stride, centersT, k, 'wide, bound');
    assertTodoDots(m, 0, 3, centersT, k, 'wide, todo');
  });
});
