import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alsScratch, choleskySolve, solveRange } from '../../src/recommend/als-kernel.js';
import { alsWasm } from '../../src/recommend/als-wasm.js';
import { Rng } from '../../src/util/random.js';

/** Random z rows (the last one the bias column of ones) and y over `count` ratings, as the kernel's chunk holds them. */
function randomChunk(rng: Rng, rows: number, count: number): number[][] {
  const z: number[][] = [];
  for (let a = 0; a <= rows; a++) {
    const row: number[] = [];
    for (let t = 0; t < count; t++) row.push(a === rows - 1 ? 1 : rng.normal());
    z.push(row);
  }
  return z;
}

test("accumulate: Z'Z and Z'y lane by lane, lane 0 the even ratings and lane 1 the odd ones, in order", () => {
  const rng = new Rng(3);
  // 2 rows: one block of 2; 5: blocks of 3 and 2; 7: 3, 3 and the bias row alone; 21: the 20-factor shape
  for (const rows of [2, 5, 7, 21]) {
    const k = alsWasm(rows, 8);
    // two calls, 6 then 4 ratings: the sums run on over the second chunk
    const chunks = [randomChunk(rng, rows, 6), randomChunk(rng, rows, 4)];
    for (const chunk of chunks) {
      for (let a = 0; a <= rows; a++)
        for (let t = 0; t < chunk[0].length; t++) k.view[k.ztOffset + a * k.stride + t] = chunk[a][t];
      k.accumulate(chunk[0].length);
    }
    const all = Array.from({ length: rows + 1 }, (_, a) => [...chunks[0][a], ...chunks[1][a]]);
    const lanes = (a: number, b: number) => {
      const s = [0, 0];
      for (let t = 0; t < all[0].length; t++) s[t % 2] += all[a][t] * all[b][t];
      return s;
    };
    for (let a = 0; a < rows; a++) {
      for (let b = a; b < rows; b++) {
        const g = 2 * (a * rows + b);
        assert.deepEqual([k.view[g], k.view[g + 1]], lanes(a, b), `rows ${rows}: Z'Z ${a},${b}`);
      }
      const r = 2 * (rows * rows + a);
      assert.deepEqual([k.view[r], k.view[r + 1]], lanes(a, rows), `rows ${rows}: Z'y ${a}`);
    }
  }
});

test('gather: the other vectors transposed into the chunk, y = rating - mu - the other bias', () => {
  const rows = 5;
  const k = alsWasm(rows, 8);
  const table = Float64Array.from({ length: 6 * rows }, (_, i) => i + 0.25 * (i % 3));
  k.loadOther(table);
  const picked = [3, 0, 5, 3];
  const ratings = [4, 2.5, 1, 5];
  picked.forEach((j, t) => {
    k.indices[t] = j;
    k.view[k.ztOffset + rows * k.stride + t] = ratings[t];
  });
  k.gather(picked.length, 3.2);
  picked.forEach((j, t) => {
    for (let a = 0; a < rows - 1; a++) assert.equal(k.view[k.ztOffset + a * k.stride + t], table[j * rows + a]);
    assert.equal(k.view[k.ztOffset + rows * k.stride + t], ratings[t] - 3.2 - table[j * rows + rows - 1]);
  });
});

test('loadOther: a table larger than the memory grows it, and gather reads the new one', () => {
  const k = alsWasm(3, 8);
  const table = new Float64Array(3 * 40_000);
  for (let j = 0; j < 40_000; j++) table[j * 3] = j;
  k.loadOther(table);
  k.indices[0] = 39_999;
  k.indices[1] = 7;
  k.view[k.ztOffset + 3 * k.stride] = 0;
  k.view[k.ztOffset + 3 * k.stride + 1] = 0;
  k.gather(2, 0);
  assert.equal(k.view[k.ztOffset], 39_999);
  assert.equal(k.view[k.ztOffset + 1], 7);
});

/** Own vectors with the given rating counts over distinct other vectors, and the other side's table. */
function problem(counts: number[], factors: number, seed: number) {
  const rng = new Rng(seed);
  const f1 = factors + 1;
  const nOther = Math.max(...counts) + 3;
  const other = Float64Array.from({ length: nOther * f1 }, () => 0.3 * rng.normal());
  const ptr = new Float64Array(counts.length + 1);
  const idx: number[] = [];
  const vals: number[] = [];
  counts.forEach((n, u) => {
    ptr[u + 1] = ptr[u] + n;
    for (let t = 0; t < n; t++) {
      idx.push((t * 7 + u) % nOther);
      vals.push(1 + rng.int(9) / 2);
    }
  });
  return { side: { ptr, idx: Int32Array.from(idx), vals: Float32Array.from(vals) }, other, nOther };
}

test('solveRange: the same bytes whatever the chunk length, and for a vector solved alone or after others', () => {
  const factors = 4;
  const f1 = factors + 1;
  // odd and even counts, one over several chunks: an odd chunk's zero pad must not leak into the next vector
  const counts = [5, 301, 0, 7, 4, 1];
  const { side, other } = problem(counts, factors, 11);
  const solve = (chunk: number | undefined, lo: number, hi: number) => {
    const own = new Float64Array(counts.length * f1);
    solveRange(side, lo, hi, own, other, factors, 3.5, 0.05, 6, alsScratch(factors, chunk));
    return own.subarray(lo * f1, hi * f1);
  };
  const reference = solve(undefined, 0, counts.length);
  for (const chunk of [2, 4, 128, 302]) assert.deepEqual(solve(chunk, 0, counts.length), reference, `chunk ${chunk}`);
  for (let u = 0; u < counts.length; u++)
    assert.deepEqual(solve(4, u, u + 1), reference.subarray(u * f1, u * f1 + f1), `vector ${u}`);
});

test('solveRange: the normal equations of each vector, against a plain sum over its ratings', () => {
  const factors = 20;
  const f1 = factors + 1;
  const counts = [3, 40, 129, 1000];
  const { side, other } = problem(counts, factors, 5);
  const mu = 3.5;
  const own = new Float64Array(counts.length * f1);
  solveRange(side, 0, counts.length, own, other, factors, mu, 0.05, 6, alsScratch(factors));
  counts.forEach((n, u) => {
    const gram = new Float64Array(f1 * f1);
    const rhs = new Float64Array(f1);
    for (let p = side.ptr[u]; p < side.ptr[u + 1]; p++) {
      const z = side.idx[p] * f1;
      const zv = (a: number) => (a === factors ? 1 : other[z + a]);
      const y = side.vals[p] - mu - other[z + factors];
      for (let a = 0; a < f1; a++) {
        rhs[a] += zv(a) * y;
        for (let b = a; b < f1; b++) gram[a * f1 + b] += zv(a) * zv(b);
      }
    }
    for (let a = 0; a < f1; a++) gram[a * f1 + a] += 0.05 * n + 6;
    choleskySolve(gram, rhs, f1);
    for (let a = 0; a < f1; a++) {
      const got = own[u * f1 + a];
      assert.ok(
        Math.abs(got - rhs[a]) <= 1e-12 * Math.max(1, Math.abs(rhs[a])),
        `vector ${u}[${a}]: ${got} != ${rhs[a]}`,
      );
    }
  });
});
