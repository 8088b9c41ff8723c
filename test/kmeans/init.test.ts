import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { kmeansPlusPlus } from '../../src/kmeans/init.js';
import { SerialRunner } from '../../src/kmeans/passes/serial-runner.js';
import { centerSquaredNorms } from '../../src/matrix/norms.js';
import { fromDenseRows, type CsrMatrix } from '../../src/matrix/csr.js';
import { transformMatrix, type MatrixKind } from '../../src/matrix/transform.js';
import { Rng } from '../../src/util/random.js';
import { sameBits, smallRatings } from '../support/parallel.js';
import { lloydBlock } from '../support/plain-passes.js';

/** The labels of a plain pass computing every distance against `centersT`. */
function plainLabels(m: CsrMatrix, centersT: Float64Array, k: number): Int32Array {
  const runner = new SerialRunner(m);
  const labels = new Int32Array(m.nRows);
  const cNorms = centerSquaredNorms(centersT, k);
  lloydBlock(m, runner.rowNorms(), centersT, cNorms, k, 0, m.nRows, labels, new Float64Array(m.nRows), null, null);
  return labels;
}

/** Half-star rows with every fourth row a copy of an earlier one: ties at distance 0 between rows and centres. */
function withCopies(rows: number, cols: number, seed: number): CsrMatrix {
  const rng = new Rng(seed);
  const dense: number[][] = [];
  for (let i = 0; i < rows; i++) {
    if (i % 4 === 3) {
      dense.push([...dense[rng.int(i)]]);
      continue;
    }
    dense.push(Array.from({ length: cols }, () => (rng.next() < 0.3 ? (1 + rng.int(10)) / 2 : 0)));
  }
  return fromDenseRows(dense);
}

describe("k-means++ finds the first pass's labels", () => {
  const data = smallRatings(900, 4).matrix;
  const copies = withCopies(400, 30, 9);
  for (const kind of ['ratings', 'binary', 'centered'] as MatrixKind[]) {
    test(`${kind}: each row's nearest initial centre is the plain pass's label, bit for bit (also with copied rows)`, async () => {
      for (const source of [data, copies]) {
        const m = transformMatrix(source, kind);
        for (const k of [1, 3, 8, 13]) {
          const nearest = new Int32Array(m.nRows).fill(-7);
          const centersT = await kmeansPlusPlus(m, k, new Rng(k), new SerialRunner(m), nearest);
          const plain = plainLabels(m, centersT, k);
          assert.ok(sameBits(nearest, plain), `${kind} k=${k} rows=${m.nRows}`);
          if (source === copies && k === 13) assert.ok(new Set(plain).size > 1, 'more than one cluster');
        }
      }
    });
  }

  test('finding the labels changes no centre', async () => {
    const m = data;
    const nearest = new Int32Array(m.nRows);
    const a = await kmeansPlusPlus(m, 6, new Rng(2), new SerialRunner(m), nearest);
    const b = await kmeansPlusPlus(m, 6, new Rng(2), new SerialRunner(m));
    assert.ok(sameBits(a, b));
  });
});
