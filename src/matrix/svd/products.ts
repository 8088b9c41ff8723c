import { customerStep, itemSums, residualRows, type Baseline } from '../baseline.js';
import { rowOffsets, type CsrMatrix } from '../csr.js';
import { splitRowUnits } from '../row-ranges.js';
import { csrMemoryOf, sharedArray, sharedMatrix } from '../shared.js';
import { WorkerPool } from '../../util/worker-pool.js';
import { WorkerClient } from '../../util/worker-rpc.js';
import { addChunksInOrder, chunkCount, chunkRows } from '../row-chunks.js';
import {
  multiplyGramChunk,
  multiplyRows,
  multiplyTransposedChunk,
  bindRows,
  releaseRows,
  type ChunkProduct,
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
  /**
   * The baseline's passes (baseline.ts): itemAcc (zeroed first) = the movie sums; userBias = the customer step;
   * `residual` = the residual values, aligned with the matrix's entries (in shared memory when workers made them,
   * so a later runner over the residual matrix copies nothing). The same bits as the serial loops: a movie's sum
   * is summed per chunk of rows, added in chunk order.
   */
  itemSums(mu: number, userBias: Float64Array, itemAcc: Float64Array): Promise<void>;
  customerStep(mu: number, itemBias: Float64Array, regUser: number, userBias: Float64Array): Promise<void>;
  residual(b: Baseline): Promise<Float32Array>;
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
  private bound = false;
  constructor(private readonly m: CsrMatrix) {
    this.ptr = rowOffsets(m);
  }

  /** The rows, bound (in place, or copied) at the first product (the baseline's passes need neither). */
  private bind(): void {
    if (this.bound) return;
    bindRows(this.m, this.ptr, 0, this.m.nRows, csrMemoryOf(this.m));
    this.bound = true;
  }

  async multiply(x: Float64Array, l: number, y: Float64Array): Promise<void> {
    this.bind();
    multiplyRows(this.m, x, l, y, 0, this.m.nRows, this.ptr);
  }

  async multiplyTransposed(y: Float64Array, l: number, z: Float64Array): Promise<void> {
    this.sumChunks(multiplyTransposedChunk, y, l, z);
  }

  async multiplyGram(x: Float64Array, l: number, z: Float64Array): Promise<void> {
    this.sumChunks(multiplyGramChunk, x, l, z);
  }

  async itemSums(mu: number, userBias: Float64Array, itemAcc: Float64Array): Promise<void> {
    const { nRows, nCols } = this.m;
    const rows = chunkRows(nRows);
    const nChunks = chunkCount(nRows);
    const chunks = new Float64Array(nChunks * nCols);
    for (let c = 0; c < nChunks; c++)
      itemSums(this.m, this.ptr, mu, userBias, chunks, c * nCols, c * rows, Math.min(nRows, (c + 1) * rows));
    addChunksInOrder(chunks, nChunks, nCols, itemAcc);
  }

  async customerStep(mu: number, itemBias: Float64Array, regUser: number, userBias: Float64Array): Promise<void> {
    customerStep(this.m, this.ptr, mu, itemBias, regUser, userBias, 0, this.m.nRows);
  }

  async residual(b: Baseline): Promise<Float32Array> {
    const out = new Float32Array(this.m.rowPtr[this.m.nRows]);
    residualRows(this.m, b, out, 0, this.m.nRows);
    return out;
  }

  /** z = the sum of `product` over the row chunks in the workers' order: each chunk from zero, then added in order. */
  private sumChunks(product: ChunkProduct, x: Float64Array, l: number, z: Float64Array): void {
    this.bind();
    const { nRows, nCols } = this.m;
    const width = nCols * l;
    if (this.chunk === null || this.chunk.length !== width) this.chunk = new Float64Array(width);
    const rows = chunkRows(nRows);
    const nChunks = chunkCount(nRows);
    z.fill(0, 0, width);
    for (let b = 0; b < nChunks; b++) {
      product(this.m, x, l, this.chunk, 0, b * rows, Math.min(nRows, (b + 1) * rows), this.ptr);
      for (let c = 0; c < width; c++) z[c] += this.chunk[c];
    }
  }

  async close(): Promise<void> {
    if (this.bound) releaseRows();
  }
}

type Client = WorkerClient<ProductRequest, null>;

class WorkerProducts implements ProductRunner {
  private readonly pool: WorkerPool<ProductRequest, null>;
  private scratch = new Map<string, Float64Array>();

  private constructor(
    private readonly m: CsrMatrix,
    clients: Client[],
  ) {
    this.pool = new WorkerPool(clients, 'SVD: the product runner is closed');
  }

  static async start(source: CsrMatrix, parts: number, url: URL): Promise<WorkerProducts> {
    const m = sharedMatrix(source);
    // ratings a reader put in a WebAssembly memory are read there in place; others are copied by each worker
    const memory = csrMemoryOf(m);
    const bounds = splitChunks(m, parts);
    const clients: Client[] = [];
    for (let j = 0; j < parts; j++) {
      const init: ProductWorkerInit = {
        ...m, // the shared matrix: views, not copies
        memory,
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
    await this.pool.all(() => ({ op: 'multiply', x: xs, l, y: ys }));
    y.set(ys);
  }

  async multiplyTransposed(y: Float64Array, l: number, z: Float64Array): Promise<void> {
    const ys = this.shared('y', this.m.nRows * l);
    ys.set(y.subarray(0, ys.length));
    const width = this.m.nCols * l;
    const nChunks = chunkCount(this.m.nRows);
    const chunks = this.shared('chunks', nChunks * width);
    await this.pool.all(() => ({ op: 'multiplyTransposed', y: ys, l, chunks }));
    addChunksInOrder(chunks, nChunks, width, z);
  }

  async multiplyGram(x: Float64Array, l: number, z: Float64Array): Promise<void> {
    const xs = this.shared('x', x.length);
    xs.set(x);
    const width = this.m.nCols * l;
    const nChunks = chunkCount(this.m.nRows);
    const chunks = this.shared('chunks', nChunks * width);
    await this.pool.all(() => ({ op: 'multiplyGram', x: xs, l, chunks }));
    addChunksInOrder(chunks, nChunks, width, z);
  }

  async itemSums(mu: number, userBias: Float64Array, itemAcc: Float64Array): Promise<void> {
    const bias = this.shared('userBias', this.m.nRows);
    bias.set(userBias);
    const nChunks = chunkCount(this.m.nRows);
    const chunks = this.shared('chunks', nChunks * this.m.nCols);
    await this.pool.all(() => ({ op: 'itemSums', mu, userBias: bias, chunks }));
    addChunksInOrder(chunks, nChunks, this.m.nCols, itemAcc);
  }

  async customerStep(mu: number, itemBias: Float64Array, regUser: number, userBias: Float64Array): Promise<void> {
    const items = this.shared('itemBias', this.m.nCols);
    items.set(itemBias);
    const bias = this.shared('userBias', this.m.nRows);
    await this.pool.all(() => ({ op: 'customerStep', mu, itemBias: items, regUser, userBias: bias }));
    userBias.set(bias);
  }

  async residual(b: Baseline): Promise<Float32Array> {
    const userBias = this.shared('userBias', this.m.nRows);
    userBias.set(b.userBias);
    const itemBias = this.shared('itemBias', this.m.nCols);
    itemBias.set(b.itemBias);
    const out = sharedArray(Float32Array, this.m.rowPtr[this.m.nRows]);
    await this.pool.all(() => ({ op: 'residual', mu: b.mu, userBias, itemBias, out }));
    return out;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private shared(name: string, length: number): Float64Array {
    let a = this.scratch.get(name);
    if (a === undefined || a.length !== length) {
      a = sharedArray(Float64Array, length);
      this.scratch.set(name, a);
    }
    return a;
  }
}

/** Chunk boundaries of `parts` contiguous ranges with about the same number of stored entries each. */
export function splitChunks(m: CsrMatrix, parts: number): number[] {
  return splitRowUnits(m, parts, chunkCount(m.nRows), chunkRows(m.nRows));
}
