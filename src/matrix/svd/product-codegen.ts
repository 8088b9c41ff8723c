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

export function multiplyRowsKernel(l: number, binary: boolean): MultiplyRowsFn {
  const key = `${l}:${binary}`;
  let fn = rowsCache.get(key);
  if (fn === undefined) {
    const cs = range(l);
    const v = binary ? '' : 'v * ';
    const body = `
      for (let i = r0; i < r1; i++) {
        ${cs.map((c) => `let s${c} = 0;`).join(' ')}
        const end = rowPtr[i + 1];
        for (let p = rowPtr[i]; p < end; p++) {
          ${binary ? '' : 'const v = values[p];'}
          const xo = colIdx[p] * ${l};
          ${cs.map((c) => `s${c} += ${v}x[xo + ${c}];`).join('\n')}
        }
        const base = i * ${l};
        ${cs.map((c) => `y[base + ${c}] = s${c};`).join('\n')}
      }`;
    fn = new Function('rowPtr', 'colIdx', 'values', 'x', 'y', 'r0', 'r1', body) as MultiplyRowsFn;
    rowsCache.set(key, fn);
  }
  return fn;
}

export function multiplyTransposedKernel(l: number, binary: boolean): MultiplyTransposedFn {
  const key = `${l}:${binary}`;
  let fn = transposedCache.get(key);
  if (fn === undefined) {
    const cs = range(l);
    const body = `
      for (let i = r0; i < r1; i++) {
        const base = i * ${l};
        ${cs.map((c) => `const y${c} = y[base + ${c}];`).join(' ')}
        const end = rowPtr[i + 1];
        for (let p = rowPtr[i]; p < end; p++) {
          ${binary ? '' : 'const v = values[p];'}
          const zo = offset + colIdx[p] * ${l};
          ${cs.map((c) => `out[zo + ${c}] += ${binary ? '' : 'v * '}y${c};`).join('\n')}
        }
      }`;
    fn = new Function('rowPtr', 'colIdx', 'values', 'y', 'out', 'offset', 'r0', 'r1', body) as MultiplyTransposedFn;
    transposedCache.set(key, fn);
  }
  return fn;
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
  const key = `${l}:${binary}`;
  let fn = gramCache.get(key);
  if (fn === undefined) {
    const cs = range(l);
    const v = binary ? '' : 'v * ';
    const body = `
      for (let i = r0; i < r1; i++) {
        ${cs.map((c) => `let s${c} = 0;`).join(' ')}
        const start = rowPtr[i];
        const end = rowPtr[i + 1];
        for (let p = start; p < end; p++) {
          ${binary ? '' : 'const v = values[p];'}
          const xo = colIdx[p] * ${l};
          ${cs.map((c) => `s${c} += ${v}x[xo + ${c}];`).join('\n')}
        }
        for (let p = start; p < end; p++) {
          ${binary ? '' : 'const v = values[p];'}
          const zo = offset + colIdx[p] * ${l};
          ${cs.map((c) => `out[zo + ${c}] += ${v}s${c};`).join('\n')}
        }
      }`;
    fn = new Function('rowPtr', 'colIdx', 'values', 'x', 'out', 'offset', 'r0', 'r1', body) as MultiplyGramFn;
    gramCache.set(key, fn);
  }
  return fn;
}
