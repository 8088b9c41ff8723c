import { alsWasm, type AlsWasm } from './als-wasm.js';

/**
 * One half-sweep of biased ALS for a range of "own" vectors (customers, or movies), with the "other" side fixed.
 * Each own vector x = [p_1..p_F, b] (factors, then bias) minimises, over its n ratings r,
 *   sum (r - mu - b_other - (p . q_other + b))^2 + (lambda n + fixed) (|p|^2 + b^2)
 * i.e. weighted-lambda regularisation (Zhou et al. 2008), whose penalty grows with the ratings so that one lambda
 * fits customers with 20 ratings and with 2,000, plus a fixed part that keeps a movie with 1 or 2 ratings near the
 * baseline (measured on ml-latest-small, 5 folds: 0.8505 with lambda n alone, 0.8447 with 0.05 n + 6).
 * The normal equations (Z'Z + ridge I) x = Z'y, with z = [q_other, 1],
 * are solved by Cholesky. A vector depends only on its own ratings and the other side, so any split of the range
 * over threads gives the same bytes.
 */
export interface AlsSide {
  /** Offsets into idx/vals per own vector (CSR rowPtr or CSC colPtr). */
  readonly ptr: Float64Array;
  readonly idx: ArrayLike<number>;
  readonly vals: Float32Array | null;
}

/** Scratch for solveRange: one per thread (the Gram kernel owns a WebAssembly memory). */
export interface AlsScratch {
  readonly gram: Float64Array;
  readonly rhs: Float64Array;
  readonly kernel: AlsWasm;
}

/** `chunk`: ratings per kernel call (even; the default suits the first-level cache; the result does not depend on it). */
export function alsScratch(factors: number, chunk?: number): AlsScratch {
  const f1 = factors + 1;
  return { gram: new Float64Array(f1 * f1), rhs: new Float64Array(f1), kernel: alsWasm(f1, chunk) };
}

/**
 * Solves own vectors lo..hi-1 into `own` (stride factors + 1) from `other` (same stride). A vector with no rating is
 * all zeros: the prediction falls back to mu + the other side's bias.
 *
 * Why it is laid out so: the cost is the Gram matrix Z'Z, (F+1)^2 / 2 multiply-adds per rating. The other side's
 * vectors of the ratings are gathered here, a chunk at a time, transposed into the kernel's memory (a row of ones for
 * the bias, a row of targets); the kernel (als-wasm.ts) adds the chunk's Z'Z and Z'y, two ratings per instruction.
 */
export function solveRange(
  side: AlsSide,
  lo: number,
  hi: number,
  own: Float64Array,
  other: Float64Array,
  factors: number,
  mu: number,
  lambda: number,
  regFixed: number,
  scratch: AlsScratch,
): void {
  const { ptr, idx, vals } = side;
  const f1 = factors + 1;
  const F = factors;
  const { gram, rhs, kernel } = scratch;
  kernel.loadOther(other);
  const { view, indices, ztOffset: zt, chunk, stride } = kernel;
  const sums = 2 * (f1 * f1 + f1);
  const rhsAt = 2 * f1 * f1;
  const biasRow = zt + F * stride;
  const yRow = zt + f1 * stride;
  for (let t = 0; t < chunk; t++) view[biasRow + t] = 1;
  for (let u = lo; u < hi; u++) {
    const start = ptr[u];
    const end = ptr[u + 1];
    const n = end - start;
    const o = u * f1;
    if (n === 0) {
      for (let a = 0; a < f1; a++) own[o + a] = 0;
      continue;
    }
    view.fill(0, 0, sums);
    for (let s = start; s < end; s += chunk) {
      const m = Math.min(chunk, end - s);
      for (let t = 0; t < m; t++) {
        const p = s + t;
        indices[t] = idx[p];
        view[yRow + t] = vals === null ? 1 : vals[p];
      }
      kernel.gather(m, mu);
      if ((m & 1) === 0) kernel.accumulate(m);
      else {
        // an odd count: pad with a zero rating (z = 0, bias 0, y = 0), which adds exact zeros
        for (let a = 0; a <= f1; a++) view[zt + a * stride + m] = 0;
        kernel.accumulate(m + 1);
        view[biasRow + m] = 1;
      }
    }
    for (let a = 0; a < f1; a++) {
      for (let b = a; b < f1; b++) {
        const g = 2 * (a * f1 + b);
        gram[a * f1 + b] = view[g] + view[g + 1];
      }
      rhs[a] = view[rhsAt + 2 * a] + view[rhsAt + 2 * a + 1];
    }
    const ridge = lambda * n + regFixed;
    for (let a = 0; a < f1; a++) gram[a * f1 + a] += ridge;
    choleskySolve(gram, rhs, f1);
    for (let a = 0; a < f1; a++) own[o + a] = rhs[a];
  }
}

/**
 * Solves A x = b in place for a symmetric positive definite A of order n whose upper triangle is filled (row-major):
 * A is overwritten by its Cholesky factor (upper, A = R'R), b by x. The ridge keeps A positive definite.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) {
      const r = a[k * n + j];
      d -= r * r;
    }
    const rjj = Math.sqrt(d);
    a[j * n + j] = rjj;
    for (let i = j + 1; i < n; i++) {
      let s = a[j * n + i];
      for (let k = 0; k < j; k++) s -= a[k * n + j] * a[k * n + i];
      a[j * n + i] = s / rjj;
    }
  }
  // R' y = b
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= a[k * n + i] * b[k];
    b[i] = s / a[i * n + i];
  }
  // R x = y
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= a[i * n + k] * b[k];
    b[i] = s / a[i * n + i];
  }
}
