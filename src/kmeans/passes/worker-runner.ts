import type { CsrMatrix } from '../../matrix/csr.js';
import { splitRowUnits } from '../../matrix/row-ranges.js';
import { csrMemoryOf, kernelMatrix, sharedArray } from '../../matrix/shared.js';
import { WorkerPool } from '../../util/worker-pool.js';
import { WorkerClient } from '../../util/worker-rpc.js';
import { sumsAreExact, type ValueScan } from '../exact-sums.js';
import { meanColumnVariance } from '../variance.js';
import { blockCount, BLOCK_ROWS } from '../kernels.js';
import type { SumsTarget } from './block-engine.js';
import type { PassReply, PassRequest, PassWorkerInit } from './pass-protocol.js';
import { sumInBlockOrder, sumParts, sumRowsInBlockOrder } from './reduce.js';
import type { CandidateWork, LloydWork, PassRunner } from './work.js';

type Client = WorkerClient<PassRequest, PassReply>;

/**
 * Worker threads, each over a contiguous range of whole blocks with about the same number of stored entries.
 * They write per-block results into shared scratch; this thread reduces them in block order (reduce.ts), or, for
 * exact sums, adds the per-thread running sums.
 */
export class WorkerRunner implements PassRunner {
  private readonly m: CsrMatrix;
  private readonly pool: WorkerPool<PassRequest, PassReply>;
  private readonly nBlocks: number;
  private readonly xNorms: Float64Array;
  private readonly exact: boolean;
  private readonly variance: number;
  private readonly labels: Int32Array;
  private readonly minDist: Float64Array;
  private readonly blockInertia: Float64Array;
  /** Scratch that depends on k (or t), replaced when it changes. */
  private centers: { k: number; centersT: Float64Array; cNorms: Float64Array } | null = null;
  private sums: {
    k: number;
    epoch: number;
    targets: SumsTarget[];
    parts: Float64Array[];
    counts: Float64Array[];
  } | null = null;
  private cand: {
    t: number;
    candT: Float64Array;
    candNorms: Float64Array;
    out: Float64Array;
    pots: Float64Array;
  } | null = null;
  private closest: Float64Array | null = null;
  private epoch = 0;

  private constructor(m: CsrMatrix, clients: Client[], xNorms: Float64Array, exact: boolean, variance: number) {
    this.m = m;
    this.variance = variance;
    this.pool = new WorkerPool(clients, 'k-means: the runner is closed');
    this.nBlocks = blockCount(m.nRows);
    this.xNorms = xNorms;
    this.exact = exact;
    this.labels = sharedArray(Int32Array, m.nRows);
    this.minDist = sharedArray(Float64Array, m.nRows);
    this.blockInertia = sharedArray(Float64Array, this.nBlocks);
  }

  static async start(source: CsrMatrix, parts: number, url: URL): Promise<WorkerRunner> {
    const m = kernelMatrix(source);
    const memory = csrMemoryOf(m);
    const xNorms = sharedArray(Float64Array, m.nRows);
    const bounds = splitBlocks(m, parts);
    const clients: Client[] = [];
    try {
      for (let j = 0; j < parts; j++) {
        const init: PassWorkerInit = {
          ...m, // the shared matrix: views, not copies
          xNorms,
          memory,
          b0: bounds[j],
          b1: bounds[j + 1],
        };
        clients.push(new WorkerClient<PassRequest, PassReply>(url, init, 'k-means'));
      }
      const prepared = Promise.all(clients.map((c) => c.call({ op: 'prepare' })));
      // the tolerance's pass over the matrix (about 180 ms at the full df_p shape) on this thread, while the
      // workers start and scan theirs
      const variance = meanColumnVariance(m);
      const scans = (await prepared) as ValueScan[];
      return new WorkerRunner(m, clients, xNorms, sumsAreExact(scans), variance);
    } catch (err) {
      await Promise.all(clients.map((c) => c.terminate()));
      throw err;
    }
  }

  rowNorms(): Float64Array {
    return this.xNorms;
  }

  meanColumnVariance(): number {
    return this.variance;
  }

  async lloydPass(w: LloydWork): Promise<number> {
    const { k, minDist, sumsT, counts } = w;
    const c = this.centersFor(k);
    c.centersT.set(w.centersT.subarray(0, c.centersT.length));
    c.cNorms.set(w.cNorms.subarray(0, k));
    const s = sumsT !== null && counts !== null ? this.sumsFor(k) : null;
    const work: LloydWork = {
      centersT: c.centersT,
      cNorms: c.cNorms,
      k,
      labels: this.labels,
      minDist: minDist === null ? null : this.minDist,
      sumsT: null,
      counts: null,
      labelsGiven: w.labelsGiven === true && minDist === null,
    };
    if (work.labelsGiven) this.labels.set(w.labels);
    await this.pool.all((j) => ({
      op: 'lloyd',
      work,
      out: { blockInertia: this.blockInertia, sums: s === null ? null : s.targets[j] },
    }));
    w.labels.set(this.labels);
    minDist?.set(this.minDist);
    if (s !== null) {
      if (this.exact) {
        sumParts(s.parts, sumsT!);
        sumParts(s.counts, counts!);
      } else {
        sumRowsInBlockOrder(s.parts[0], this.nBlocks, k * this.m.nCols, sumsT!);
        sumRowsInBlockOrder(s.counts[0], this.nBlocks, k, counts!);
      }
    }
    return minDist === null ? Number.NaN : sumInBlockOrder(this.blockInertia, this.nBlocks);
  }

  async candidatePass(w: CandidateWork): Promise<Float64Array> {
    const n = this.m.nRows;
    const { t } = w;
    const c = this.candidatesFor(t);
    c.candT.set(w.candT.subarray(0, c.candT.length));
    c.candNorms.set(w.candNorms.subarray(0, t));
    this.closest ??= sharedArray(Float64Array, n);
    this.closest.set(w.closest.subarray(0, n));
    const request: PassRequest = {
      op: 'candidates',
      work: { candT: c.candT, candNorms: c.candNorms, t, closest: this.closest, out: c.out },
      blockPotentials: c.pots,
    };
    await this.pool.all(() => request);
    w.out.set(c.out);
    const total = new Float64Array(t);
    sumRowsInBlockOrder(c.pots, this.nBlocks, t, total);
    return total;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private centersFor(k: number) {
    if (this.centers?.k !== k) {
      this.centers = { k, centersT: sharedArray(Float64Array, k * this.m.nCols), cNorms: sharedArray(Float64Array, k) };
    }
    return this.centers;
  }

  /**
   * Exact sums: one running sum per worker, which it keeps up to date between passes. Otherwise one partial per
   * block (nBlocks x k x nCols doubles: 15 MB for k = 5 at full shape), reduced here in block order.
   */
  private sumsFor(k: number) {
    if (this.sums?.k !== k) {
      const len = k * this.m.nCols;
      const epoch = ++this.epoch;
      if (this.exact) {
        const parts = this.pool.clients.map(() => sharedArray(Float64Array, len));
        const counts = this.pool.clients.map(() => sharedArray(Float64Array, k));
        const targets = parts.map((sums, j): SumsTarget => ({ mode: 'own', sums, counts: counts[j], epoch }));
        this.sums = { k, epoch, targets, parts, counts };
      } else {
        const blockSums = sharedArray(Float64Array, this.nBlocks * len);
        const blockCounts = sharedArray(Float64Array, this.nBlocks * k);
        const target: SumsTarget = { mode: 'blocks', blockSums, blockCounts };
        this.sums = {
          k,
          epoch,
          targets: this.pool.clients.map(() => target),
          parts: [blockSums],
          counts: [blockCounts],
        };
      }
    }
    return this.sums;
  }

  private candidatesFor(t: number) {
    if (this.cand?.t !== t) {
      const n = this.m.nRows;
      this.cand = {
        t,
        candT: sharedArray(Float64Array, t * this.m.nCols),
        candNorms: sharedArray(Float64Array, t),
        out: sharedArray(Float64Array, t * n),
        pots: sharedArray(Float64Array, t * this.nBlocks),
      };
    }
    return this.cand;
  }
}

/** Block boundaries of `parts` contiguous ranges with about the same number of stored entries each. */
export function splitBlocks(m: CsrMatrix, parts: number): number[] {
  return splitRowUnits(m, parts, blockCount(m.nRows), BLOCK_ROWS);
}
