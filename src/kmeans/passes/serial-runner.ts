import type { CsrMatrix } from '../../matrix/csr.js';
import { csrMemoryOf } from '../../matrix/shared.js';
import { sumsAreExact } from '../exact-sums.js';
import { meanColumnVariance } from '../variance.js';
import { blockCount } from '../kernels.js';
import { BlockEngine } from './block-engine.js';
import { sumInBlockOrder, sumRowsInBlockOrder } from './reduce.js';
import type { CandidateWork, LloydWork, PassRunner } from './work.js';

/** Runs every block on the calling thread, in block order; the reference the worker-thread runner must match. */
export class SerialRunner implements PassRunner {
  private readonly m: CsrMatrix;
  private readonly nBlocks: number;
  private readonly engine: BlockEngine;
  private readonly xNorms: Float64Array;
  private prepared = false;
  private exact = false;
  private variance = Number.NaN;
  /** Running cluster sums for exact data, kept between passes (see exact-sums.ts); replaced when k changes. */
  private own: { k: number; sums: Float64Array; counts: Float64Array; epoch: number } | null = null;
  private readonly blockInertia: Float64Array;

  constructor(m: CsrMatrix) {
    this.m = m;
    this.nBlocks = blockCount(m.nRows);
    this.blockInertia = new Float64Array(this.nBlocks);
    this.xNorms = new Float64Array(m.nRows);
    this.engine = new BlockEngine(m, this.xNorms, 0, this.nBlocks, csrMemoryOf(m));
  }

  rowNorms(): Float64Array {
    if (!this.prepared) {
      this.exact = sumsAreExact([this.engine.prepare()]);
      this.prepared = true;
    }
    return this.xNorms;
  }

  meanColumnVariance(): number {
    if (Number.isNaN(this.variance)) this.variance = meanColumnVariance(this.m);
    return this.variance;
  }

  async lloydPass(w: LloydWork): Promise<number> {
    await turnEventLoop();
    this.rowNorms();
    const { k, sumsT, counts } = w;
    const blockInertia = this.blockInertia;
    if (sumsT === null || counts === null) {
      this.engine.lloyd(w, { blockInertia, sums: null });
    } else if (this.exact) {
      if (this.own === null || this.own.k !== k) {
        const epoch = (this.own?.epoch ?? 0) + 1;
        this.own = { k, sums: new Float64Array(k * this.m.nCols), counts: new Float64Array(k), epoch };
      }
      const { sums, counts: ownCounts, epoch } = this.own;
      this.engine.lloyd(w, { blockInertia, sums: { mode: 'own', sums, counts: ownCounts, epoch } });
      sumsT.set(sums);
      counts.set(ownCounts);
    } else {
      const blockSums = new Float64Array(sumsT.length);
      const blockCounts = new Float64Array(k);
      this.engine.lloyd(w, { blockInertia, sums: { mode: 'fold', sumsT, counts, blockSums, blockCounts } });
    }
    return w.minDist === null ? Number.NaN : sumInBlockOrder(blockInertia, this.nBlocks);
  }

  async candidatePass(w: CandidateWork): Promise<Float64Array> {
    await turnEventLoop();
    this.rowNorms();
    const blockPotentials = new Float64Array(this.nBlocks * w.t);
    this.engine.candidates(w, blockPotentials);
    const total = new Float64Array(w.t);
    sumRowsInBlockOrder(blockPotentials, this.nBlocks, w.t, total);
    return total;
  }

  async close(): Promise<void> {}
}

/**
 * On one thread the passes run on the main thread back to back; resolved promises never let the event loop turn,
 * so a SIGINT would wait for the whole fit (and its outputs would replace the previous ones). One macrotask per
 * pass (microseconds against a pass's milliseconds) lets the CLI's signal handler run between passes.
 */
const turnEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
