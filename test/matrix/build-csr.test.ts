import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCsr } from '../../src/matrix/build-csr.js';
import { rankIdsInPlace } from '../../src/matrix/rank-ids.js';
import { columnOrder } from '../../src/io/long/long-csv.js';
import { Rng } from '../../src/util/random.js';

test('rankIdsInPlace: ranks in place, distinct ids ascending, counts per id; huge ids take the sorted path', () => {
  for (const big of [0, 2_000_000_000]) {
    const ids = Int32Array.from([7, 3, 7, 9, 3, 7].map((x) => x + big));
    const r = rankIdsInPlace(ids, 6);
    assert.deepEqual(Array.from(ids), [1, 0, 1, 2, 0, 1]);
    assert.deepEqual(
      Array.from(r.ids),
      [3, 7, 9].map((x) => x + big),
    );
    assert.deepEqual(Array.from(r.counts), [2, 3, 1]);
  }
  assert.equal(rankIdsInPlace(new Int32Array(0), 0).ids.length, 0);
});

/** The CSR the slow obvious way: a map of maps, means of repeats. */
function reference(
  rows: number[],
  cols: number[],
  vals: number[],
  keepRow: (r: number) => boolean,
  keepCol: (c: number) => boolean,
) {
  const cells = new Map<number, Map<number, number[]>>();
  rows.forEach((r, p) => {
    if (!keepRow(r) || !keepCol(cols[p])) return;
    if (!cells.has(r)) cells.set(r, new Map());
    const row = cells.get(r)!;
    if (!row.has(cols[p])) row.set(cols[p], []);
    row.get(cols[p])!.push(vals[p]);
  });
  const rowIds = [...cells.keys()].sort((a, b) => a - b);
  const colIds = [...new Set([...cells.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  const rowPtr = [0];
  const colIdx: number[] = [];
  const values: number[] = [];
  for (const r of rowIds) {
    for (const [c, v] of [...cells.get(r)!].sort((a, b) => a[0] - b[0])) {
      colIdx.push(colIds.indexOf(c));
      values.push(Math.fround(v.reduce((a, b) => a + b, 0) / v.length));
    }
    rowPtr.push(colIdx.length);
  }
  return { rowIds, colIds, rowPtr, colIdx, values };
}

test('buildCsr matches the obvious construction on random data with repeats, masks and many row blocks', () => {
  const rng = new Rng(5);
  for (const [nRows, nCols, n] of [
    [5, 4, 30],
    [70_000, 50, 40_000],
    [300, 2000, 20_000],
  ]) {
    const rows = Array.from({ length: n }, () => rng.int(nRows));
    const cols = Array.from({ length: n }, () => rng.int(nCols));
    const vals = Array.from({ length: n }, () => 1 + rng.int(5));
    const keepRow = Uint8Array.from({ length: nRows }, () => (rng.next() < 0.8 ? 1 : 0));
    const keepCol = Uint8Array.from({ length: nCols }, () => (rng.next() < 0.7 ? 1 : 0));
    const colArr = Int32Array.from(cols);
    const built = buildCsr(
      {
        nRows,
        nCols,
        row: Int32Array.from(rows),
        value: Uint8Array.from(vals),
        columns: columnOrder(colArr, n, nCols),
      },
      { rows: keepRow, cols: keepCol },
    );
    const ref = reference(
      rows,
      cols,
      vals,
      (r) => keepRow[r] === 1,
      (c) => keepCol[c] === 1,
    );
    assert.deepEqual(Array.from(built.rowOf), ref.rowIds);
    assert.deepEqual(Array.from(built.colOf), ref.colIds);
    assert.deepEqual(Array.from(built.matrix.rowPtr), ref.rowPtr);
    assert.deepEqual(Array.from(built.matrix.colIdx), ref.colIdx);
    assert.deepEqual(Array.from(built.matrix.values!), ref.values);
    assert.equal(built.kept, rows.filter((r, p) => keepRow[r] && keepCol[cols[p]]).length);
  }
});
