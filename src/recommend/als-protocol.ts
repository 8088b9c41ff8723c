import type { AlsSide } from './als-kernel.js';

/** What an ALS worker thread is started with: both views of the ratings and both factor tables, all shared. */
export interface AlsWorkerInit {
  readonly byCustomer: AlsSide;
  readonly byMovie: AlsSide;
  /** nRows x (factors + 1): customer factors, then b_u. */
  readonly customerVectors: Float64Array;
  /** nCols x (factors + 1): movie factors, then b_i. */
  readonly movieVectors: Float64Array;
  readonly factors: number;
  readonly mu: number;
}

/** Solve customers (or movies) lo..hi-1 with the other side fixed. */
export interface AlsRequest {
  readonly side: 'customers' | 'movies';
  readonly lo: number;
  readonly hi: number;
  readonly lambda: number;
  readonly regFixed: number;
}
