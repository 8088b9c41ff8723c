import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scanRows, sumsAreExact } from '../../src/kmeans/exact-sums.js';
import { rowSquaredNorms } from '../../src/matrix/norms.js';
import { fromDenseRows } from '../../src/matrix/csr.js';
import { centerRows } from '../../src/matrix/transform.js';
import { sameBits, smallRatings } from '../support/parallel.js';

const scanAll = (m: ReturnType<typeof fromDenseRows>) => scanRows(m, 0, m.nRows, new Float64Array(m.nRows));

describe('exact sums', () => {
  test('scanRows computes the row norms of rowSquaredNorms, bit for bit, in any split', () => {
    const m = smallRatings(700, 5).matrix;
    const norms = new Float64Array(m.nRows);
    scanRows(m, 0, 300, norms);
    scanRows(m, 300, m.nRows, norms);
    assert.ok(sameBits(norms, rowSquaredNorms(m)));
    const binary = { ...m, values: null };
    scanRows(binary, 0, binary.nRows, norms);
    assert.ok(sameBits(norms, rowSquaredNorms(binary)));
  });

  test('whole stars, halves and the binary matrix give exact sums; thirds and the centred matrix do not', () => {
    const m = smallRatings(500, 6).matrix;
    assert.equal(sumsAreExact([scanAll(m)]), true);
    assert.equal(sumsAreExact([scanAll({ ...m, values: null })]), true);
    assert.equal(
      sumsAreExact([
        scanAll(
          fromDenseRows([
            [0.5, 4.5],
            [1, 0],
          ]),
        ),
      ]),
      true,
    );
    assert.equal(
      sumsAreExact([
        scanAll(
          fromDenseRows([
            [1 / 3, 4],
            [1, 0],
          ]),
        ),
      ]),
      false,
    );
    assert.equal(sumsAreExact([scanAll(centerRows(m))]), false);
  });

  test('every range must be exact, and the total must stay far below 2^53', () => {
    const exact = scanAll(fromDenseRows([[2, 3]]));
    const inexact = scanAll(fromDenseRows([[0.1, 3]]));
    assert.equal(sumsAreExact([exact, inexact]), false);
    assert.equal(sumsAreExact([exact, { onGrid: true, absSum: 2 ** 44 }]), false);
    assert.equal(sumsAreExact([exact, { onGrid: true, absSum: 2 ** 40 }]), true);
  });
});
