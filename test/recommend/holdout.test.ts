import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countHeldOut, hiddenCount, splitHoldout } from '../../src/recommend/holdout.js';
import { Rng } from '../../src/util/random.js';
import { plantedMatrix } from '../helpers.js';

test('hiddenCount: round(share x n), at least one rating kept, nothing hidden below two ratings', () => {
  const cases: [number, number, number][] = [
    [0, 0.5, 0],
    [1, 0.9, 0], // a lone rating is always kept
    [2, 0.1, 0], // round(0.2) = 0
    [2, 0.5, 1],
    [2, 0.9, 1], // round(1.8) = 2, but one is kept
    [10, 0.1, 1],
    [10, 0.25, 3], // round(2.5) = 3
    [15, 0.1, 2], // round(1.5) = 2
    [100, 0.99, 99],
  ];
  for (const [n, share, hidden] of cases) assert.equal(hiddenCount(n, share), hidden, `n=${n} share=${share}`);
});

const m = plantedMatrix(400, 50, 0.2, 4, 3);

function rowEntries(cols: ArrayLike<number>, vals: ArrayLike<number>, start: number, end: number): string[] {
  const out: string[] = [];
  for (let p = start; p < end; p++) out.push(`${cols[p]}:${vals[p]}`);
  return out;
}

test('the split is disjoint, complete, and hides exactly hiddenCount per customer', () => {
  const share = 0.2;
  const s = splitHoldout(m, share, new Rng(7));
  assert.equal(s.testRows.length, countHeldOut(m, share));
  let t = 0;
  for (let i = 0; i < m.nRows; i++) {
    const original = rowEntries(m.colIdx, m.values!, m.rowPtr[i], m.rowPtr[i + 1]);
    const kept = rowEntries(s.train.colIdx, s.train.values!, s.train.rowPtr[i], s.train.rowPtr[i + 1]);
    const held: string[] = [];
    for (; t < s.testRows.length && s.testRows[t] === i; t++) held.push(`${s.testCols[t]}:${s.testValues[t]}`);
    assert.equal(held.length, hiddenCount(original.length, share), `row ${i}`);
    if (original.length >= 2) assert.ok(kept.length >= 1);
    // disjoint by column (a customer rates a movie once), and together exactly the original row
    const keptCols = new Set(kept.map((e) => e.split(':')[0]));
    for (const e of held) assert.ok(!keptCols.has(e.split(':')[0]), `row ${i}: ${e} is in both`);
    assert.deepEqual([...kept, ...held].sort(), [...original].sort());
    // train rows keep ascending columns (the CSR contract)
    for (let p = s.train.rowPtr[i] + 1; p < s.train.rowPtr[i + 1]; p++)
      assert.ok(s.train.colIdx[p - 1] < s.train.colIdx[p]);
  }
  assert.equal(t, s.testRows.length, 'held-out ratings are in row order');
});

test('the same seed gives the same split; another seed another', () => {
  const a = splitHoldout(m, 0.1, new Rng(5));
  const b = splitHoldout(m, 0.1, new Rng(5));
  const c = splitHoldout(m, 0.1, new Rng(6));
  assert.deepEqual(a.testCols, b.testCols);
  assert.deepEqual(a.testRows, b.testRows);
  assert.deepEqual(a.train.colIdx, b.train.colIdx);
  assert.deepEqual(a.testRows, c.testRows, 'the counts per customer do not depend on the seed');
  assert.notDeepEqual(a.testCols, c.testCols);
});

test('every rating of a row is equally likely to be held out', () => {
  // one row of 10 ratings, 1 held out, 20,000 splits: each position is chosen ~2,000 times
  const row = {
    nRows: 1,
    nCols: 10,
    rowPtr: Float64Array.from([0, 10]),
    colIdx: Uint16Array.from({ length: 10 }, (_, j) => j),
    values: new Float32Array(10).fill(3),
  };
  const hits = new Array<number>(10).fill(0);
  const rng = new Rng(1);
  for (let r = 0; r < 20000; r++) hits[splitHoldout(row, 0.1, rng).testCols[0]]++;
  for (const h of hits) assert.ok(h > 1800 && h < 2200, `${hits}`);
});
