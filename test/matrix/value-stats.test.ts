import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inferredRatingRange, resolveRatingRange, valueStats } from '../../src/matrix/value-stats.js';
import { sharedCsrArrays } from '../../src/matrix/shared.js';

/** The same values as a plain array (the JavaScript loop) and in a WebAssembly arena (the SIMD kernel). */
function bothWays(values: readonly number[]): [Float32Array, Float32Array] {
  const inArena = sharedCsrArrays(10, values.length, true).values!;
  inArena.set(values);
  return [Float32Array.from(values), inArena];
}

test('valueStats: min, max and the whole / half grids, the same from the JavaScript loop and the SIMD kernel', () => {
  const cases: [number[], { min: number; max: number; whole: boolean; half: boolean }][] = [
    [[3], { min: 3, max: 3, whole: true, half: true }],
    [[4, 2, 5, 3, 1, 2, 4, 3, 5], { min: 1, max: 5, whole: true, half: true }],
    [[4, 2.5, 5, 3, 0.5, 2, 4, 3.5], { min: 0.5, max: 5, whole: false, half: true }],
    [[4, 2, 5, 3, 1, 2.25, 4, 3, 5, 1, 1], { min: 1, max: 5, whole: false, half: false }],
    // the odd value in the kernel's lanes, then in the loop's tail
    [[1, 1, 1, 1, 1, 1, 1, 1.5, 1], { min: 1, max: 1.5, whole: false, half: true }],
    [[1, 1, 1, 1, 1, 1, 1, 1, 0.75], { min: 0.75, max: 1, whole: false, half: false }],
    [[-2, 7, 1e30, 0.1, 3, 4, 5, 6], { min: -2, max: 1e30, whole: false, half: false }],
  ];
  for (const [values, expected] of cases) {
    for (const [how, array] of ['plain', 'arena'].map((h, i) => [h, bothWays(values)[i]] as const)) {
      const s = valueStats(array)!;
      assert.deepEqual(
        { ...s, max: s.max },
        { ...expected, max: Math.fround(expected.max), min: Math.fround(expected.min) },
        `${how} ${values}`,
      );
    }
  }
});

test('valueStats: NaN anywhere makes min and max NaN; infinities show in them; count limits the scan; none is null', () => {
  for (const at of [0, 3, 5, 8]) {
    const values = [1, 2, 3, 4, 5, 1, 2, 3, 4];
    values[at] = Number.NaN;
    for (const array of bothWays(values)) {
      const s = valueStats(array)!;
      assert.ok(Number.isNaN(s.min) && Number.isNaN(s.max), `NaN at ${at}`);
      assert.equal(s.whole, false);
    }
  }
  for (const array of bothWays([1, 2, Number.NEGATIVE_INFINITY, 3, Number.POSITIVE_INFINITY, 1])) {
    const s = valueStats(array)!;
    assert.equal(s.min, Number.NEGATIVE_INFINITY);
    assert.equal(s.max, Number.POSITIVE_INFINITY);
  }
  for (const array of bothWays([2, 3, 4, 5, 2, 3, 0.5, 9])) {
    assert.deepEqual(valueStats(array, 6), { min: 2, max: 5, whole: true, half: true });
    assert.equal(valueStats(array, 0), null);
  }
});

test('inferredRatingRange: the star scales when the values fit one, else the span; the given range first', () => {
  const m = (values: number[]) => ({ values: Float32Array.from(values) });
  assert.deepEqual(inferredRatingRange(m([2, 3, 4])), { min: 1, max: 5 });
  assert.deepEqual(inferredRatingRange(m([1.5, 3, 4.5])), { min: 0.5, max: 5 });
  assert.deepEqual(inferredRatingRange(m([1, 2, 6])), { min: 1, max: 6 });
  assert.deepEqual(inferredRatingRange(m([0.25, 2])), { min: 0.25, max: 2 });
  assert.deepEqual(inferredRatingRange(m([-0, 2, 10])), { min: 0, max: 10 });
  assert.ok(Object.is(inferredRatingRange(m([-0, 2, 10]))!.min, 0), '-0 shows as 0');
  assert.equal(inferredRatingRange(m([])), null);
  assert.equal(inferredRatingRange({ values: null }), null);
  assert.deepEqual(resolveRatingRange(undefined, { values: null }), { min: 1, max: 5 });
  assert.deepEqual(resolveRatingRange({ min: 0, max: 10 }, m([2, 3])), { min: 0, max: 10 });
  const [, arena] = bothWays([4.5, 1, 2, 3, 5, 0.5, 2]);
  assert.deepEqual(resolveRatingRange(undefined, { values: arena }), { min: 0.5, max: 5 });
});
