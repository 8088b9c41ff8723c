import type { CsrMatrix } from '../matrix/csr.js';
import { BLOCK_ROWS, blockCount, candidateDistancesBlock, lloydBlock, rowSquaredNorms } from './kernels.js';
import type { PassRunner } from './runner.js';

/** Runs every block on the calling thread, in block order. */
export class SerialRunner implements PassRunner {
  private readonly m: CsrMatrix;
  private xNorms: Float64Array | null = null;

  constructor(m: CsrMatrix) {
    this.m = m;
  }

  rowNorms(): Float64Array {
    if (this.xNorms === null) this.xNorms = rowSquaredNorms(this.m);
    return this.xNorms;
  }

  async lloydPass(
    centersT: Float64Array,
    cNorms: Float64Array,
    k: number,
    labels: Int32Array,
    minDist: Float64Array,
    sumsT: Float64Array | null,
    counts: Float64Array | null,
  ): Promise<number> {
    const m = this.m;
    const xNorms = this.rowNorms();
    const blockSums = sumsT === null ? null : new Float64Array(sumsT.length);
    const blockCounts = counts === null ? null : new Float64Array(k);
    const dots = new Float64Array(k);
    sumsT?.fill(0);
    counts?.fill(0);
    let inertia = 0;
    const nBlocks = blockCount(m.nRows);
    for (let b = 0; b < nBlocks; b++) {
      const r0 = b * BLOCK_ROWS;
      const r1 = Math.min(m.nRows, r0 + BLOCK_ROWS);
      blockSums?.fill(0);
      blockCounts?.fill(0);
      inertia += lloydBlock(m, xNorms, centersT, cNorms, k, r0, r1, labels, minDist, blockSums, blockCounts, dots);
      if (blockSums !== null) addInto(sumsT!, blockSums);
      if (blockCounts !== null) addInto(counts!, blockCounts);
    }
    return inertia;
  }

  async candidatePass(
    candT: Float64Array,
    candNorms: Float64Array,
    t: number,
    closest: Float64Array,
    out: Float64Array,
  ): Promise<Float64Array> {
    const m = this.m;
    const xNorms = this.rowNorms();
    const total = new Float64Array(t);
    const block = new Float64Array(t);
    const dots = new Float64Array(t);
    const nBlocks = blockCount(m.nRows);
    for (let b = 0; b < nBlocks; b++) {
      const r0 = b * BLOCK_ROWS;
      block.fill(0);
      candidateDistancesBlock(m, xNorms, candT, candNorms, t, r0, Math.min(m.nRows, r0 + BLOCK_ROWS), closest, out, block, dots);
      addInto(total, block);
    }
    return total;
  }

  async close(): Promise<void> {}
}

export function addInto(target: Float64Array, source: Float64Array): void {
  const len = target.length;
  for (let i = 0; i < len; i++) target[i] += source[i];
}
