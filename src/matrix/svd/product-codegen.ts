/**
 * The product kernels specialised for the number of columns l, generated once per (l, binary) and cached. With l
 * fixed the l running sums of a row are locals (registers or stack slots, never a typed-array store per rating)
 * and the inner loop is straight-line code. Each output element still adds its terms in ascending entry order
 * from 0, exactly as the loops of product-kernels.ts do, so generated and generic kernels give the same bits.
 */
import type { CsrMatrix } from '../csr.js';

export type MultiplyRowsFn = (
  rowPtr: Float64Array | Int32Array,
  colIdx: CsrMatrix['colIdx'],
  values: Float32Array | null,
  x: Float64Array,
  y: Float64Array,
  r0: number,
  r1: number,
) => void;

export type MultiplyTransposedFn = (
  rowPtr: Float64Array | Int32Array,
  colIdx: CsrMatrix['colIdx'],
  values: Float32Array | null,
  y: Float64Array,
  out: Float64Array,
  offset: number,
  r0: number,
  r1: number,
) => void;

/** Beyond this many columns the generated code grows large for little gain; the loops take over. */
export const MAX_GENERATED_COLUMNS = 64;

const rowsCache = new Map<string, MultiplyRowsFn>();
const transposedCache = new Map<string, MultiplyTransposedFn>();

const range = (l: number) => Array.from({ length: l }, (_, c) => c);

/** The kernel for (l, binary): its source built by `body` once (`v` is `v * `, or nothing for 0/1 data), cached. */
function cachedKernel<F>(
  cache: Map<string, F>,
  l: number,
  binary: boolean,
  params: readonly string[],
  body: (cs: readonly number[], v: string) => string,
): F {
  const key = `${l}:${binary}`;
  let fn = cache.get(key);
  if (fn === undefined) {
    fn = new Function(...params, body(range(l), binary ? '' : 'v * ')) as F;
    cache.set(key, fn);
  }
  return fn;
}

/** The loop adding row i's l sums of A X into s0..s(l-1), entries `start`..end in ascending order. */
function rowSumsCode(cs: readonly number[], l: number, binary: boolean, v: string, start: string): string {
  return `
        for (let p = ${start}; p < end; p++) {
          ${binary ? '' : 'const v = values[p];'}
          const xo = colIdx[p] * ${l};
          ${cs.map((c) => `s${c} += ${v}x[xo + ${c}];`).join('\n')}
        }`;
}

export function multiplyRowsKernel(l: number, binary: boolean): MultiplyRowsFn {
  return cachedKernel(
    rowsCache,
    l,
    binary,
    ['rowPtr', 'colIdx', 'values', 'x', 'y', 'r0', 'r1'],
    (cs, v) => `
      for (let i = r0; i < r1; i++) {
        ${cs.map((c) => `let s${c} = 0;`).join(' ')}
        const end = rowPtr[i + 1];
        ${rowSumsCode(cs, l, binary, v, 'rowPtr[i]')}
        const base = i * ${l};
        ${cs.map((c) => `y[base + ${c}] = s${c};`).join('\n')}
      }`,
  );
}

export function multiplyTransposedKernel(l: number, binary: boolean): MultiplyTransposedFn {
  const params = ['rowPtr', 'colIdx', 'values', 'y', 'out', 'offset', 'r0', 'r1'];
  return cachedKernel(
    transposedCache,
    l,
    binary,
    params,
    (cs, v) => `
      for (let i = r0; i < r1; i++) {
        const base = i * ${l};
        ${cs.map((c) => `const y${c} = y[base + ${c}];`).join(' ')}
        const end = rowPtr[i + 1];
        for (let p = rowPtr[i]; p < end; p++) {
          ${binary ? '' : 'const v = values[p];'}
          const zo = offset + colIdx[p] * ${l};
          ${cs.map((c) => `out[zo + ${c}] += ${v}y${c};`).join('\n')}
        }
      }`,
  );
}

export type MultiplyGramFn = (
  rowPtr: Float64Array | Int32Array,
  colIdx: CsrMatrix['colIdx'],
  values: Float32Array | null,
  x: Float64Array,
  out: Float64Array,
  offset: number,
  r0: number,
  r1: number,
) => void;

const gramCache = new Map<string, MultiplyGramFn>();

/**
 * out[offset ..) += A[r0..r1)^T (A[r0..r1) X), one row at a time: the row's l sums of A X (as multiplyRowsKernel
 * computes them, in the same order) go straight into the scatter of A^T, so the matrix is read once per
 * application of A^T A and A X is never stored. The same bits as the two kernels in a row.
 */
export function multiplyGramKernel(l: number, binary: boolean): MultiplyGramFn {
  const params = ['rowPtr', 'colIdx', 'values', 'x', 'out', 'offset', 'r0', 'r1'];
  return cachedKernel(
    gramCache,
    l,
    binary,
    params,
    (cs, v) => `
      for (let i = r0; i < r1; i++) {
        ${cs.map((c) => `let s${c} = 0;`).join(' ')}
        const start = rowPtr[i];
        const end = rowPtr[i + 1];
        ${rowSumsCode(cs, l, binary, v, 'start')}
        for (let p = start; p < end; p++) {
          ${binary ? '' : 'const v = values[p];'}
          const zo = offset + colIdx[p] * ${l};
          ${cs.map((c) => `out[zo + ${c}] += ${v}s${c};`).join('\n')}
        }
      }`,
  );
}
