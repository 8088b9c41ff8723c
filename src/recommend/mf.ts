import type { CsrMatrix } from '../matrix/csr.js';
import { sharedArray, toShared } from '../matrix/shared.js';
import { Rng } from '../util/random.js';
import { WorkerClient } from '../util/worker-rpc.js';
import { alsScratch, solveRange, type AlsSide } from './als-kernel.js';
import type { AlsRequest, AlsWorkerInit } from './als-protocol.js';
import { transposeToCsc } from './transpose.js';

/**
 * Biased matrix factorisation r_ui ~ mu + b_u + b_i + p_u . q_i, trained by alternating least squares with
 * weighted-lambda regularisation (Zhou, Wilkinson, Schreiber, Pan 2008). Chosen over SGD because each half-sweep is
 * a set of independent closed-form solves: it parallelises over worker threads with the same bytes for any thread
 * count, and it converges in ~10 sweeps without a learning rate to tune.
 */
export interface MfOptions {
  readonly factors: number;
  /** lambda of the weighted-lambda penalty (lambda n + regFixed) (|p|^2 + b^2). */
  readonly reg: number;
  /** The fixed part of the penalty (lambda n + fixed) (|p|^2 + b^2). */
  readonly regFixed?: number;
  /** ALS sweeps (one sweep = all customers, then all movies). */
  readonly epochs: number;
  readonly seed: number;
  readonly threads: number;
  /** Below this many ratings the solves run on the main thread (starting workers costs more than it saves). */
  readonly parallelAbove?: number;
}

export const defaultMfOptions = { factors: 20, reg: 0.05, regFixed: 6, epochs: 10 } as const;

export interface MfModel {
  readonly factors: number;
  readonly mu: number;
  /** nRows x (factors + 1): p_u, then b_u. */
  readonly customerVectors: Float64Array;
  /** nCols x (factors + 1): q_i, then b_i. */
  readonly movieVectors: Float64Array;
}

/** Initial movie factors: seeded normal(0, 0.1) draws in movie order, biases 0 (the first customer solve fits b_u). */
function initialMovieVectors(nCols: number, factors: number, seed: number): Float64Array {
  const f1 = factors + 1;
  const out = sharedArray(Float64Array, nCols * f1);
  const rng = new Rng(seed);
  for (let j = 0; j < nCols; j++) for (let a = 0; a < factors; a++) out[j * f1 + a] = 0.1 * rng.normal();
  return out;
}

export async function fitMf(m: CsrMatrix, opts: MfOptions): Promise<MfModel> {
  const { nRows, nCols, rowPtr, values } = m;
  const total = rowPtr[nRows];
  let sum = 0;
  if (values === null) sum = total;
  else for (let p = 0; p < total; p++) sum += values[p];
  const mu = total > 0 ? sum / total : 0;
  const f1 = opts.factors + 1;
  const csc = transposeToCsc(m);
  const byCustomer: AlsSide = { ptr: m.rowPtr, idx: m.colIdx, vals: m.values };
  const byMovie: AlsSide = { ptr: csc.colPtr, idx: csc.rowIdx, vals: csc.values };
  const customerVectors = sharedArray(Float64Array, nRows * f1);
  const movieVectors = initialMovieVectors(nCols, opts.factors, opts.seed);
  const parallel = opts.threads > 1 && total > (opts.parallelAbove ?? 50_000);
  const solver = parallel
    ? new ThreadedSolver(
        {
          byCustomer: {
            ptr: toShared(m.rowPtr),
            idx: toShared(m.colIdx),
            vals: m.values === null ? null : toShared(m.values),
          },
          byMovie,
          customerVectors,
          movieVectors,
          factors: opts.factors,
          mu,
        },
        opts.threads,
      )
    : null;
  try {
    // the main thread's kernel only when it solves (each worker has its own)
    const scratch = solver ? null : alsScratch(opts.factors);
    const regFixed = opts.regFixed ?? defaultMfOptions.regFixed;
    for (let e = 0; e < opts.epochs; e++) {
      if (solver !== null) {
        await solver.sweep('customers', byCustomer.ptr, nRows, opts.reg, regFixed);
        await solver.sweep('movies', byMovie.ptr, nCols, opts.reg, regFixed);
      } else if (scratch !== null) {
        solveRange(byCustomer, 0, nRows, customerVectors, movieVectors, opts.factors, mu, opts.reg, regFixed, scratch);
        solveRange(byMovie, 0, nCols, movieVectors, customerVectors, opts.factors, mu, opts.reg, regFixed, scratch);
      }
    }
  } finally {
    await solver?.close();
  }
  return { factors: opts.factors, mu, customerVectors, movieVectors };
}

/** mu + b_u + b_i + p_u . q_i (unclamped). */
export function mfPredict(model: MfModel, row: number, col: number): number {
  const f1 = model.factors + 1;
  const F = model.factors;
  const cu = model.customerVectors;
  const mv = model.movieVectors;
  const u = row * f1;
  const i = col * f1;
  let s = model.mu + cu[u + F] + mv[i + F];
  for (let a = 0; a < F; a++) s += cu[u + a] * mv[i + a];
  return s;
}

/** One worker per thread; a half-sweep splits the range into contiguous parts of about equal ratings. */
class ThreadedSolver {
  private readonly clients: WorkerClient<AlsRequest, null>[] = [];
  constructor(init: AlsWorkerInit, threads: number) {
    const url = new URL('./als-worker.js', import.meta.url);
    for (let t = 0; t < threads; t++)
      this.clients.push(new WorkerClient<AlsRequest, null>(url, init, 'matrix factorisation'));
  }

  async sweep(side: AlsRequest['side'], ptr: Float64Array, n: number, lambda: number, regFixed: number): Promise<void> {
    const parts = this.clients.length;
    const total = ptr[n];
    const calls: Promise<null>[] = [];
    let lo = 0;
    for (let t = 0; t < parts; t++) {
      let hi = n;
      if (t < parts - 1) {
        const target = (total * (t + 1)) / parts;
        hi = lo;
        while (hi < n && ptr[hi] < target) hi++;
      }
      calls.push(this.clients[t].call({ side, lo, hi, lambda, regFixed }));
      lo = hi;
    }
    await Promise.all(calls);
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.terminate()));
  }
}
