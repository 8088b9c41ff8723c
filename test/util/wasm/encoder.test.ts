import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Code, encodeModule, instantiate } from '../../../src/util/wasm/encoder.js';

/** sum(a[i] * b[i]) for i < n (n even), two lanes then the lanes added: (a0b0 + a2b2 + ...) + (a1b1 + a3b3 + ...). */
function dotModule(): Uint8Array {
  // params: a, b, n (bytes offsets, count); locals: acc v128 (3), i (4)
  const c = new Code();
  c.v128Const0().localSet(3);
  c.i32Const(0).localSet(4);
  c.block().loop();
  c.localGet(4).localGet(2).i32GeU().brIf(1);
  c.localGet(3);
  c.localGet(0).localGet(4).i32Const(3).i32Shl().i32Add().v128Load();
  c.localGet(1).localGet(4).i32Const(3).i32Shl().i32Add().v128Load();
  c.f64x2Mul().f64x2Add().localSet(3);
  c.localGet(4).i32Const(2).i32Add().localSet(4);
  c.br(0).end().end();
  c.localGet(3).f64x2ExtractLane(0).localGet(3).f64x2ExtractLane(1).f64Add();
  return encodeModule([
    { name: 'dot', params: ['i32', 'i32', 'i32'], results: ['f64'], locals: ['v128', 'i32'], code: c },
  ]);
}

test('an f64x2 dot product computes what the same two-lane order computes in JavaScript', () => {
  const bytes = dotModule();
  assert.ok(WebAssembly.validate(bytes));
  const memory = new WebAssembly.Memory({ initial: 1 });
  const { dot } = instantiate(bytes, memory) as { dot: (a: number, b: number, n: number) => number };
  const f = new Float64Array(memory.buffer);
  const a = [0.1, 2.5, -3.25, 4, 1e-3, 7];
  const b = [1.5, -0.3, 2, 0.125, 9, -1];
  f.set(a, 0);
  f.set(b, 8);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < 6; i += 2) {
    even += a[i] * b[i];
    odd += a[i + 1] * b[i + 1];
  }
  assert.equal(dot(0, 64, 6), even + odd);
});

test('16-bit and f32 loads, f64 constants and stores, and negative immediates encode as the specification says', () => {
  // out (at q) = f64(u16 at p) * f64(f32 at p + 4) + 0.5; returns p - 300 (a negative LEB immediate)
  const c = new Code();
  c.localGet(1);
  c.localGet(0).i32Load16U().f64ConvertI32U();
  c.localGet(0).f32Load(4).f64PromoteF32();
  c.f64Mul().f64Const(0.5).f64Add();
  c.f64Store();
  c.localGet(0).i32Const(-300).i32Add();
  const bytes = encodeModule([{ name: 'f', params: ['i32', 'i32'], results: ['i32'], locals: [], code: c }]);
  assert.ok(WebAssembly.validate(bytes));
  const memory = new WebAssembly.Memory({ initial: 1 });
  const { f } = instantiate(bytes, memory) as { f: (p: number, q: number) => number };
  new Uint16Array(memory.buffer, 16, 1)[0] = 40000;
  new Float32Array(memory.buffer, 20, 1)[0] = 0.25;
  assert.equal(f(16, 64), 16 - 300);
  assert.equal(new Float64Array(memory.buffer, 64, 1)[0], 40000 * 0.25 + 0.5);
});

test('a shared memory is imported as shared', () => {
  const c = new Code();
  c.i32Const(8).f64Const(3).f64Store();
  const bytes = encodeModule([{ name: 'g', params: [], results: [], locals: [], code: c }], {
    shared: true,
    minimumPages: 1,
    maximumPages: 4,
  });
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
  (instantiate(bytes, memory) as { g: () => void }).g();
  assert.ok(memory.buffer instanceof SharedArrayBuffer);
  assert.equal(new Float64Array(memory.buffer)[1], 3);
});
