import type { CsrMatrix } from '../csr.js';
import { sharedArray, sharedMatrix } from '../shared.js';
import { WorkerClient } from '../../util/worker-rpc.js';
import {
  addChunksInOrder,
  chunkCount,
  chunkRows,
  multiplyGramChunk,
  multiplyRows,
  multiplyTransposedChunk,
  rowOffsets,
} from './product-kernels.js';
import type { ProductRequest, ProductWorkerInit } from './product-protocol.js';

/** A X and A^T Y for the randomized SVD; every implementation gives the same bits. */
export interface ProductRunner {
  /** y (nRows x l) = A x (nCols x l). */
  multiply(x: Float64Array, l: number, y: Float64Array): Promise<void>;
  /** z (nCols x l) = A^T y (nRows x l). */
  multiplyTransposed(y: Float64Array, l: number, z: Float64Array): Promise<void>;
  /** z (nCols x l) = A^T A x: one pass over the matrix, the same bits as multiply then multiplyTransposed. */
  multiplyGram(x: Float64Array, l: number, z: Float64Array): Promise<void>;
  close(): Promise<void>;
}

export interface ProductRunnerOptions {
  /** The worker entry; tests may substitute one. */
  readonly workerUrl?: URL;
}

/** One thread: the serial runner; more: worker threads over the matrix in shared memory. */
export async function createProductRunner(
  m: CsrMatrix,
  threads: number,
  options: ProductRunnerOptions = {},
): Promise<ProductRunner> {
  const parts = Math.min(Math.floor(threads), chunkCount(m.nRows));
  if (!(parts > 1)) return new SerialProducts(m);
  return WorkerProducts.start(m, parts, options.workerUrl ?? new URL('./product-worker.js', import.meta.url));
}

class SerialProducts implements ProductRunner {
  private chunk: Float64Array | null = null;
  private readonly ptr: Float64Array | Int32Array;
  constructor(private readonly m: CsrMatrix) {
    this.ptr = rowOffsets(m);
  }

  async multiply(x: Float64Array, l: number, y: Float64Array): Promise<void> {
    multiplyRows(this.m, x, l, y, 0, this.m.nRows, this.ptr);
  }

  async multiplyTransposed(y: Float64Array, l: number, z: Float64Array): Promise<void> {
    const { nRows, nCols } = this.m;
    const width = nCols * l;
    if (this.chunk === null || this.chunk.length !== width) this.chunk = new Float64Array(width);
    const rows = chunkRows(nRows);
    const nChunks = chunkCount(nRows);
    z.fill(0, 0, width);
    // the workers' order: each chunk summed from zero, then the chunk sums added in chunk order
    for (let b = 0; b < nChunks; b++) {
      multiplyTransposedChunk(this.m, y, l, this.chunk, 0, b * rows, Math.min(nRows, (b + 1) * rows), this.ptr);
      for (let c = 0; c < width; c++) z[c] += this.chunk[c];
    }
  }

  async multiplyGram(x: Float64Array, l: number, z: Float64Array): Promise<void> {
    const { nRows, nCols } = this.m;
    const width = nCols * l;
    if (this.chunk === null || this.chunk.length !== width) this.chunk = new Float64Array(width);
    const rows = chunkRows(nRows);
    const nChunks = chunkCount(nRows);
    z.fill(0, 0, width);
    for (let b = 0; b < nChunks; b++) {
      multiplyGramChunk(this.m, x, l, this.chunk, 0, b * rows, Math.min(nRows, (b + 1) * rows), this.ptr);
      for (let c = 0; c < width; c++) z[c] += this.chunk[c];
    }
  }

  async close(): Promise<void> {}
}

type Client = WorkerClient<ProductRequest, null>;

class WorkerProducts implements ProductRunner {
  private failure: Error | null = null;
  private scratch = new Map<string, Float64Array>();

  private constructor(
    private readonly m: CsrMatrix,
    private readonly clients: Client[],
  ) {
    for (const c of clients) c.onFailure((err) => this.fail(err));
  }

  static async start(source: CsrMatrix, parts: number, url: URL): Promise<WorkerProducts> {
    const m = sharedMatrix(source);
    const bounds = splitChunks(m, parts);
    const clients: Client[] = [];
    for (let j = 0; j < parts; j++) {
      const init: ProductWorkerInit = {
        rowPtr: m.rowPtr,
        colIdx: m.colIdx,
        values: m.values,
        nRows: m.nRows,
        nCols: m.nCols,
        c0: bounds[j],
        c1: bounds[j + 1],
      };
      clients.push(new WorkerClient<ProductRequest, null>(url, init, 'SVD'));
    }
    return new WorkerProducts(m, clients);
  }

  async multiply(x: Float64Array, l: number, y: Float64Array): Promise<void> {
    const xs = this.shared('x', x.length);
    xs.set(x);
    const ys = this.shared('y', this.m.nRows * l);
    await this.all({ op: 'multiply', x: xs, l, y: ys });
    y.set(ys);
  }

  async multiplyTransposed(y: Float64Array, l: number, z: Float64Array): Promise<void> {
    const ys = this.shared('y', this.m.nRows * l);
    ys.set(y.subarray(0, ys.length));
    const width = this.m.nCols * l;
    const nChunks = chunkCount(this.m.nRows);
    const chunks = this.shared('chunks', nChunks * width);
    await this.all({ op: 'multiplyTransposed', y: ys, l, chunks });
    addChunksInOrder(chunks, nChunks, width, z);
  }

  async multiplyGram(x: Float64Array, l: number, z: Float64Array): Promise<void> {
    const xs = this.shared('x', x.length);
    xs.set(x);
    const width = this.m.nCols * l;
    const nChunks = chunkCount(this.m.nRows);
    const chunks = this.shared('chunks', nChunks * width);
    await this.all({ op: 'multiplyGram', x: xs, l, chunks });
    addChunksInOrder(chunks, nChunks, width, z);
  }

  async close(): Promise<void> {
    this.failure ??= new Error('SVD: the product runner is closed');
    await Promise.all(this.clients.map((c) => c.terminate()));
  }

  private shared(name: string, length: number): Float64Array {
    let a = this.scratch.get(name);
    if (a === undefined || a.length !== length) {
      a = sharedArray(Float64Array, length);
      this.scratch.set(name, a);
    }
    return a;
  }

  private async all(request: ProductRequest): Promise<void> {
    if (this.failure !== null) throw this.failure;
    try {
      await Promise.all(this.clients.map((c) => c.call(request)));
    } catch (err) {
      this.fail(err as Error);
      throw this.failure ?? err;
    }
  }

  private fail(err: Error): void {
    if (this.failure !== null) return;
    this.failure = err;
    for (const c of this.clients) void c.terminate();
  }
}

/** Chunk boundaries of `parts` contiguous ranges with about the same number of stored entries each. */
export function splitChunks(m: CsrMatrix, parts: number): number[] {
  const nChunks = chunkCount(m.nRows);
  const rows = chunkRows(m.nRows);
  const total = m.rowPtr[m.nRows];
  const bounds = [0];
  let b = 0;
  for (let j = 1; j < parts; j++) {
    const target = (total * j) / parts;
    while (b < nChunks - (parts - j) && m.rowPtr[Math.min(m.nRows, b * rows)] < target) b++;
    b = Math.max(b, bounds[j - 1] + 1);
    bounds.push(b);
  }
  bounds.push(nChunks);
  return bounds;
}
