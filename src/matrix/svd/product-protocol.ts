import type { CsrMatrix } from '../csr.js';

/** What a product worker is started with: the matrix in shared memory and its chunks [c0, c1). */
export interface ProductWorkerInit {
  readonly rowPtr: Float64Array;
  readonly colIdx: CsrMatrix['colIdx'];
  readonly values: Float32Array | null;
  readonly nRows: number;
  readonly nCols: number;
  /** The WebAssembly memory the matrix's ratings are in (csrMemoryOf), for the kernels to read them in place. */
  readonly memory: WebAssembly.Memory | null;
  readonly c0: number;
  readonly c1: number;
}

/** Every array lives in shared memory; the message carries views only. */
export type ProductRequest =
  /** y = A x for the worker's rows. */
  | { readonly op: 'multiply'; readonly x: Float64Array; readonly l: number; readonly y: Float64Array }
  /** One chunk sum of A^T y per chunk of the worker, at chunks[chunk * nCols * l]. */
  | { readonly op: 'multiplyTransposed'; readonly y: Float64Array; readonly l: number; readonly chunks: Float64Array }
  /** One chunk sum of A^T A x per chunk of the worker. */
  | { readonly op: 'multiplyGram'; readonly x: Float64Array; readonly l: number; readonly chunks: Float64Array }
  /** The baseline's movie sums (baseline.ts itemSums), one per chunk of the worker, at chunks[chunk * nCols]. */
  | { readonly op: 'itemSums'; readonly mu: number; readonly userBias: Float64Array; readonly chunks: Float64Array }
  /** The baseline's customer step for the worker's rows. */
  | {
      readonly op: 'customerStep';
      readonly mu: number;
      readonly itemBias: Float64Array;
      readonly regUser: number;
      readonly userBias: Float64Array;
    }
  /** The residuals of the worker's rows. */
  | {
      readonly op: 'residual';
      readonly mu: number;
      readonly userBias: Float64Array;
      readonly itemBias: Float64Array;
      readonly out: Float32Array;
    };
