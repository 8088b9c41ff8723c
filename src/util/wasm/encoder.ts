/**
 * A minimal WebAssembly binary encoder: enough of the instruction set (integer addressing, f32/f64 loads, f64 and
 * f64x2 SIMD arithmetic, a few f32x4 and bitwise v128 operations, structured control flow) to emit the numeric
 * kernels that hot loops want and that JavaScript cannot express (two doubles per instruction). Kernels are
 * generated at run time for their exact shape (as kmeans/kernel-codegen.ts does for JavaScript), so there is no
 * build step and no dependency.
 *
 * Every module imports its memory as `env.memory`; functions are exported by name. Opcodes and encodings follow
 * the WebAssembly core specification 2.0 (sections 5.4, binary instructions; SIMD is the 0xFD prefix).
 */
export type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128';

const VALTYPE: Record<ValType, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b };

/** Unsigned LEB128. */
function u32(out: number[], n: number): void {
  let v = n >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

/** Signed LEB128 of a 32-bit integer. */
function s32(out: number[], n: number): void {
  let v = n | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

function name(out: number[], s: string): void {
  const bytes = new TextEncoder().encode(s);
  u32(out, bytes.length);
  for (const b of bytes) out.push(b);
}

/** The body of one function: instructions appended in order; `end` of the body is added by encodeModule. */
export class Code {
  readonly bytes: number[] = [];

  private op(...b: number[]): this {
    for (const x of b) this.bytes.push(x);
    return this;
  }

  private simd(opcode: number): this {
    this.bytes.push(0xfd);
    u32(this.bytes, opcode);
    return this;
  }

  private memarg(align: number, offset: number): this {
    u32(this.bytes, align);
    u32(this.bytes, offset);
    return this;
  }

  // control
  block(): this {
    return this.op(0x02, 0x40);
  }
  loop(): this {
    return this.op(0x03, 0x40);
  }
  end(): this {
    return this.op(0x0b);
  }
  br(depth: number): this {
    this.op(0x0c);
    u32(this.bytes, depth);
    return this;
  }
  brIf(depth: number): this {
    this.op(0x0d);
    u32(this.bytes, depth);
    return this;
  }
  drop(): this {
    return this.op(0x1a);
  }

  // locals
  localGet(i: number): this {
    this.op(0x20);
    u32(this.bytes, i);
    return this;
  }
  localSet(i: number): this {
    this.op(0x21);
    u32(this.bytes, i);
    return this;
  }
  localTee(i: number): this {
    this.op(0x22);
    u32(this.bytes, i);
    return this;
  }

  // memory (natural alignment)
  i32Load(offset = 0): this {
    return this.op(0x28).memarg(2, offset);
  }
  i32Load16U(offset = 0): this {
    return this.op(0x2f).memarg(1, offset);
  }
  f32Load(offset = 0): this {
    return this.op(0x2a).memarg(2, offset);
  }
  f64Load(offset = 0): this {
    return this.op(0x2b).memarg(3, offset);
  }
  i32Store(offset = 0): this {
    return this.op(0x36).memarg(2, offset);
  }
  f64Store(offset = 0): this {
    return this.op(0x39).memarg(3, offset);
  }
  v128Load(offset = 0): this {
    return this.simd(0x00).memarg(4, offset);
  }
  v128Store(offset = 0): this {
    return this.simd(0x0b).memarg(4, offset);
  }
  /** 4 bytes into every 32-bit lane. */
  v128Load32Splat(offset = 0): this {
    return this.simd(0x09).memarg(2, offset);
  }
  /** 8 bytes into lane 0, lane 1 zero. */
  v128Load64Zero(offset = 0): this {
    return this.simd(0x5d).memarg(3, offset);
  }
  /** [address, vector] -> the vector with lane `lane` loaded from address. */
  v128Load64Lane(lane: 0 | 1, offset = 0): this {
    return this.simd(0x57).memarg(3, offset).op(lane);
  }

  // constants
  i32Const(n: number): this {
    this.op(0x41);
    s32(this.bytes, n);
    return this;
  }
  f64Const(x: number): this {
    this.op(0x44);
    const b = new Uint8Array(new Float64Array([x]).buffer);
    for (const v of b) this.bytes.push(v);
    return this;
  }
  /** v128.const of sixteen zero bytes: (+0, +0) as f64x2. */
  v128Const0(): this {
    this.simd(0x0c);
    for (let i = 0; i < 16; i++) this.bytes.push(0);
    return this;
  }

  // i32
  i32Eqz(): this {
    return this.op(0x45);
  }
  i32Eq(): this {
    return this.op(0x46);
  }
  i32Ne(): this {
    return this.op(0x47);
  }
  i32LtS(): this {
    return this.op(0x48);
  }
  i32LtU(): this {
    return this.op(0x49);
  }
  i32GeU(): this {
    return this.op(0x4f);
  }
  i32Add(): this {
    return this.op(0x6a);
  }
  i32Sub(): this {
    return this.op(0x6b);
  }
  i32Mul(): this {
    return this.op(0x6c);
  }
  i32Shl(): this {
    return this.op(0x74);
  }

  // f64
  f64Add(): this {
    return this.op(0xa0);
  }
  f64Sub(): this {
    return this.op(0xa1);
  }
  f64Mul(): this {
    return this.op(0xa2);
  }
  f64PromoteF32(): this {
    return this.op(0xbb);
  }
  f64ConvertI32U(): this {
    return this.op(0xb8);
  }

  // f64x2
  f64x2Splat(): this {
    return this.simd(0x14);
  }
  f64x2ExtractLane(lane: 0 | 1): this {
    return this.simd(0x21).op(lane);
  }
  f64x2Add(): this {
    return this.simd(0xf0);
  }
  f64x2Sub(): this {
    return this.simd(0xf1);
  }
  f64x2Mul(): this {
    return this.simd(0xf2);
  }
  // f32x4 and bitwise v128 (for scans of stored float32 values)
  /** [a, b] -> lane-wise b < a ? b : a (one instruction; f32x4.min, which propagates NaN, takes several). */
  f32x4Pmin(): this {
    return this.simd(0xea);
  }
  /** [a, b] -> lane-wise a < b ? b : a. */
  f32x4Pmax(): this {
    return this.simd(0xeb);
  }
  f32x4Add(): this {
    return this.simd(0xe4);
  }
  f32x4Floor(): this {
    return this.simd(0x68);
  }
  /** All ones in the lanes that are equal (never for NaN), zeros elsewhere. */
  f32x4Eq(): this {
    return this.simd(0x41);
  }
  v128And(): this {
    return this.simd(0x4e);
  }
  /** The low two f32 lanes as f64x2. */
  f64x2PromoteLowF32x4(): this {
    return this.simd(0x5f);
  }
}

export interface WasmFunction {
  readonly name: string;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** Declared locals, numbered after the params. */
  readonly locals: readonly ValType[];
  readonly code: Code;
}

function section(out: number[], id: number, body: number[]): void {
  out.push(id);
  u32(out, body.length);
  for (const b of body) out.push(b);
}

/**
 * A module of `functions` (exported by name) importing `env.memory` (shared memories need `shared: true` and a
 * maximum, as WebAssembly.Memory was created with).
 */
export function encodeModule(
  functions: readonly WasmFunction[],
  memory: { readonly shared?: boolean; readonly minimumPages?: number; readonly maximumPages?: number } = {},
): Uint8Array {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  u32(types, functions.length);
  for (const f of functions) {
    types.push(0x60);
    u32(types, f.params.length);
    for (const p of f.params) types.push(VALTYPE[p]);
    u32(types, f.results.length);
    for (const r of f.results) types.push(VALTYPE[r]);
  }
  section(out, 1, types);
  const imports: number[] = [];
  u32(imports, 1);
  name(imports, 'env');
  name(imports, 'memory');
  imports.push(0x02);
  const min = memory.minimumPages ?? 0;
  if (memory.shared) {
    imports.push(0x03);
    u32(imports, min);
    u32(imports, memory.maximumPages ?? 65536);
  } else if (memory.maximumPages !== undefined) {
    imports.push(0x01);
    u32(imports, min);
    u32(imports, memory.maximumPages);
  } else {
    imports.push(0x00);
    u32(imports, min);
  }
  section(out, 2, imports);
  const funcs: number[] = [];
  u32(funcs, functions.length);
  functions.forEach((_, i) => u32(funcs, i));
  section(out, 3, funcs);
  const exports: number[] = [];
  u32(exports, functions.length);
  functions.forEach((f, i) => {
    name(exports, f.name);
    exports.push(0x00);
    u32(exports, i);
  });
  section(out, 7, exports);
  const code: number[] = [];
  u32(code, functions.length);
  for (const f of functions) {
    const body: number[] = [];
    // locals as runs of one type
    const runs: [number, ValType][] = [];
    for (const t of f.locals) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    u32(body, runs.length);
    for (const [n, t] of runs) {
      u32(body, n);
      body.push(VALTYPE[t]);
    }
    for (const b of f.code.bytes) body.push(b);
    body.push(0x0b);
    u32(code, body.length);
    for (const b of body) code.push(b);
  }
  section(out, 10, code);
  return Uint8Array.from(out);
}

/** The exports of `bytes` instantiated over `memory` (synchronously: kernels are small). */
export function instantiate(bytes: Uint8Array, memory: WebAssembly.Memory): WebAssembly.Exports {
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
}
