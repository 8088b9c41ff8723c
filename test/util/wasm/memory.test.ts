import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { test } from 'node:test';
import { ARENA_START, arenaMemory, reserve } from '../../../src/util/wasm/memory.js';

/** Asserts that [at, at + bytes) regions do not overlap, and that each lies after the header and inside the memory. */
function assertDisjoint(regions: [number, number][], memory: WebAssembly.Memory, first: number): void {
  const sorted = [...regions].sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < sorted.length; i++) {
    const [at, bytes] = sorted[i];
    assert.equal(at % 16, 0, `region at ${at} 16-aligned`);
    assert.ok(at >= first, `region at ${at} after ${first}`);
    assert.ok(at + bytes <= memory.buffer.byteLength, `region at ${at} inside the memory`);
    if (i > 0) assert.ok(sorted[i - 1][0] + sorted[i - 1][1] <= at, `regions at ${sorted[i - 1][0]} and ${at} overlap`);
  }
}

test('reserve: 16-aligned regions after the creator bytes, the memory grown to hold them', () => {
  const memory = arenaMemory(100);
  const regions: [number, number][] = [];
  for (const bytes of [1, 16, 17, 70000, 3, 200000]) regions.push([reserve(memory, bytes), bytes]);
  assert.equal(regions[0][0], ARENA_START + 112, 'the first region after the creator bytes (100, aligned)');
  assertDisjoint(regions, memory, ARENA_START + 100);
  // the regions are usable: writes to one leave the others alone
  const bytes = new Uint8Array(memory.buffer);
  for (const [at, size] of regions) bytes.fill(at % 251, at, at + size);
  for (const [at, size] of regions) assert.ok(bytes.subarray(at, at + size).every((b) => b === at % 251));
});

test('reserve from several threads at once: no two regions overlap', async () => {
  const memory = arenaMemory(64);
  // each worker reserves 300 regions of varied sizes as fast as it can, and reports them
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.url).then(({ reserve }) => {
      const out = [];
      for (let i = 0; i < 300; i++) { const bytes = 1 + ((i * 7919 + workerData.seed) % 5000); out.push([reserve(workerData.memory, bytes), bytes]); }
      parentPort.postMessage(out);
    });`;
  const url = new URL('../../../src/util/wasm/memory.js', import.meta.url).href;
  const workers = [1, 2, 3].map((seed) => new Worker(source, { eval: true, workerData: { memory, url, seed } }));
  const replies = await Promise.all(workers.map(async (w) => (await once(w, 'message'))[0] as [number, number][]));
  await Promise.all(workers.map((w) => w.terminate()));
  const mine: [number, number][] = [];
  for (let i = 0; i < 100; i++) mine.push([reserve(memory, 40 + i), 40 + i]);
  assertDisjoint([...replies.flat(), ...mine], memory, ARENA_START + 64);
});
