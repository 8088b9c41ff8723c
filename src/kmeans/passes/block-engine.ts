import type { CsrMatrix } from '../../matrix/csr.js';
import { scanRows, type ValueScan } from '../exact-sums.js';
import { CentreDots } from '../centre-dots.js';
import { labelsFromDots } from '../kernel-centre-bounds.js';
import { candidateRowsKernel, lloydRowsKernel, offsetsFitInt32, takesDots } from '../kernel-codegen.js';
import { addRowsToSums, BLOCK_ROWS, cappedDistances, changedEntries, moveChangedRows } from '../kernels.js';
import { advanceBounds, createRowBounds, groupSizeFor, type RowBounds } from '../row-bounds.js';
import { addInto } from './reduce.js';
import type { CandidateWork, LloydWork } from './work.js';

/**
 * From how many k-means++ candidates per round (2 + floor(ln k): 4 from k = 8) the start scores them in
 * WebAssembly, over the rows the engine binds for good (as its first per-centre Lloyd pass does anyway: read in
 * place, or copied in at 6 bytes per rating when the matrix is not in a WebAssembly memory). Fewer candidates (k < 8) are
 * scored by the JavaScript kernel (candidateRowsKernel), as fast for 3 candidates (the k = 5 start: 0.43 s in
 * JavaScript, 0.45 s bound, 0.63 s copying blocks).
 */
export const BIND_FROM_CANDIDATES = 4;

/**
 * Where a Lloyd pass puts the cluster sums.
 * - `blocks`: one partial per block (`blockSums[b * k * nCols ...]`, zeroed here), reduced by the caller in block
 *   order. Always correct, and the memory grows with the number of blocks.
 * - `own`: this engine's running sums over its own rows, kept between passes and updated by moving only the rows
 *   that changed cluster. Only when sums are exact (exact-sums.ts). `epoch` changes when the caller hands out new
 *   arrays (another k), which restarts the sums from zero.
 */
export type SumsTarget =
  | { readonly mode: 'blocks'; readonly blockSums: Float64Array; readonly blockCounts: Float64Array }
  | { readonly mode: 'own'; readonly sums: Float64Array; readonly counts: Float64Array; readonly epoch: number }
  | FoldTarget;

/**
 * - `fold`: for an engine over all the blocks (the serial runner): each block's partial, in one block's scratch,
 *   added into `sumsT`/`counts` (zeroed here) at once: the same additions in the same order as the caller's
 *   reduction of `blocks`, with one block's memory.
 */
export interface FoldTarget {
  readonly mode: 'fold';
  readonly sumsT: Float64Array;
  readonly counts: Float64Array;
  readonly blockSums: Float64Array;
  readonly blockCounts: Float64Array;
}

/** Where one thread's Lloyd pass puts its per-block results (the work's own sumsT/counts are the runner's). */
export interface BlockOutputs {
  /** Inertia of each block, by block index (meaningless without minDist). */
  readonly blockInertia: Float64Array;
  readonly sums: SumsTarget | null;
}

/**
 * The work of one thread: the kernels over the contiguous blocks [b0, b1), each block's results written at its
 * block index for the caller to reduce in block order (reduce.ts). The serial runner runs one engine over all
 * blocks, each worker thread one over its range: the same code on the same blocks gives the same bits.
 */
export class BlockEngine {
  readonly r0: number;
  readonly r1: number;
  private readonly m: CsrMatrix;
  private readonly xNorms: Float64Array;
  private readonly b0: number;
  private readonly b1: number;
  /** For `own` sums: the cluster each of rows [r0, r1) is counted under, and the sums' epoch. */
  private held: Int32Array | null = null;
  private heldEpoch = Number.NaN;
  /** The bounds of rows [r0, r1) for the current k (row-bounds.ts). */
  private bounds: RowBounds | null = null;
  /** This thread's WebAssembly dot products over its rows, made at the first pass that needs every distance. */
  private centreDots: CentreDots | null = null;

  /** The WebAssembly memory m's ratings are in (csrMemoryOf), where the dot products read them in place; or null. */
  private readonly memory: WebAssembly.Memory | null;

  /**
   * `xNorms` is the whole matrix's array; this engine fills and reads its own rows only. `memory`: the WebAssembly
   * memory m's ratings are in (csrMemoryOf), or null (the engine's kernels then copy its rows in).
   */
  constructor(m: CsrMatrix, xNorms: Float64Array, b0: number, b1: number, memory: WebAssembly.Memory | null = null) {
    this.m = m;
    this.memory = memory;
    this.xNorms = xNorms;
    this.b0 = b0;
    this.b1 = b1;
    this.r0 = Math.min(m.nRows, b0 * BLOCK_ROWS);
    this.r1 = Math.min(m.nRows, b1 * BLOCK_ROWS);
  }

  /** Fills this range's row norms and scans its values for exactness. */
  prepare(): ValueScan {
    return scanRows(this.m, this.r0, this.r1, this.xNorms);
  }

  lloyd(w: LloydWork, out: BlockOutputs): void {
    const m = this.m;
    const n = m.nRows;
    const { k } = w;
    const { sums, blockInertia } = out;
    // given labels: the sums only; the bounds stay as they are (not valid yet: the next pass computes every distance)
    const given = w.labelsGiven === true && w.minDist === null;
    const bounds = given ? null : this.boundsFor(w.centersT, w.cNorms, k);
    const groupSize = groupSizeFor(k);
    // the per-centre kernel's dot products come from WebAssembly: every centre's, a block at a time, when the bounds
    // are not valid (labelsFromDots); a row's few centres, one row at a time, when they are (with the rows bound)
    const dots = bounds !== null && takesDots(k, groupSize) ? this.dots() : null;
    dots?.setCentres(m, w.centersT, k);
    const todoDots = dots !== null && bounds!.valid ? dots.todoDots(m, this.r0) : null;
    const kernel = lloydRowsKernel(k, groupSize, m.values === null, offsetsFitInt32(m), todoDots !== null);
    const len = k * m.nCols;
    if (sums?.mode === 'fold') {
      sums.sumsT.fill(0);
      sums.counts.fill(0);
    }
    for (let b = this.b0; b < this.b1; b++) {
      const r0 = b * BLOCK_ROWS;
      const r1 = Math.min(n, r0 + BLOCK_ROWS);
      const { rowPtr, colIdx, values } = m;
      blockInertia[b] =
        bounds === null
          ? Number.NaN
          : dots !== null && !bounds.valid
            ? labelsFromDots(
                m,
                this.xNorms,
                w.cNorms,
                k,
                r0,
                r1,
                w.labels,
                w.minDist,
                bounds,
                dots.rowDots(m, r0, r1),
                dots.stride,
              )
            : kernel(
                rowPtr,
                colIdx,
                values,
                this.xNorms,
                w.centersT,
                w.cNorms,
                r0,
                r1,
                w.labels,
                w.minDist,
                bounds,
                todoDots,
              );
      if (sums?.mode === 'blocks') {
        const blockSums = sums.blockSums.subarray(b * len, (b + 1) * len);
        const blockCounts = sums.blockCounts.subarray(b * k, (b + 1) * k);
        blockSums.fill(0);
        blockCounts.fill(0);
        addRowsToSums(m, k, r0, r1, w.labels, blockSums, blockCounts);
      } else if (sums?.mode === 'fold') {
        sums.blockSums.fill(0);
        sums.blockCounts.fill(0);
        addRowsToSums(m, k, r0, r1, w.labels, sums.blockSums, sums.blockCounts);
        addInto(sums.sumsT, sums.blockSums);
        addInto(sums.counts, sums.blockCounts);
      }
    }
    if (bounds !== null) bounds.valid = true;
    if (sums?.mode === 'own') this.updateOwnSums(k, w.labels, sums.sums, sums.counts, sums.epoch);
  }

  /** The bounds, moved on to `centersT`; new (not yet valid) ones when k changes. */
  private boundsFor(centersT: Float64Array, cNorms: Float64Array, k: number): RowBounds {
    const groupSize = groupSizeFor(k);
    if (this.bounds === null || this.bounds.shift.length !== k || this.bounds.groupSize !== groupSize) {
      this.bounds = createRowBounds(this.r0, this.r1 - this.r0, k, this.m.nCols, groupSize);
    }
    advanceBounds(this.bounds, centersT, cNorms, k);
    return this.bounds;
  }

  /**
   * Brings the running sums up to date with `labels`: moving a row costs twice adding it, so when more than half
   * of the entries changed cluster a fresh sum is cheaper. Both give the same (exact) bits.
   */
  private updateOwnSums(k: number, labels: Int32Array, sums: Float64Array, counts: Float64Array, epoch: number): void {
    const { m, r0, r1 } = this;
    const fresh = this.held === null || this.heldEpoch !== epoch;
    if (!fresh && changedEntries(m, r0, r1, labels, this.held!) * 2 <= m.rowPtr[r1] - m.rowPtr[r0]) {
      moveChangedRows(m, k, r0, r1, labels, this.held!, sums, counts);
      return;
    }
    sums.fill(0);
    counts.fill(0);
    addRowsToSums(m, k, r0, r1, labels, sums, counts);
    this.held ??= new Int32Array(r1 - r0);
    this.held.set(labels.subarray(r0, r1));
    this.heldEpoch = epoch;
  }

  /** `blockPotentials[b * t + c]`: candidate c's potential over block b. */
  candidates(w: CandidateWork, blockPotentials: Float64Array): void {
    const m = this.m;
    const n = m.nRows;
    const { t } = w;
    const dots = t >= BIND_FROM_CANDIDATES ? this.dots() : null;
    dots?.setCentres(m, w.candT, t);
    const kernel = dots === null ? candidateRowsKernel(t, m.values === null, offsetsFitInt32(m)) : null;
    for (let b = this.b0; b < this.b1; b++) {
      const r0 = b * BLOCK_ROWS;
      const r1 = Math.min(n, r0 + BLOCK_ROWS);
      const pots = blockPotentials.subarray(b * t, (b + 1) * t);
      pots.fill(0);
      if (dots !== null) {
        const blockDots = dots.rowDots(m, r0, r1);
        cappedDistances(blockDots, dots.stride, this.xNorms, w.candNorms, t, r0, r1, w.closest, w.out, n, pots);
      } else {
        kernel!(m.rowPtr, m.colIdx, m.values, this.xNorms, w.candT, w.candNorms, r0, r1, w.closest, w.out, n, pots);
      }
    }
  }

  /** The engine's CentreDots, its rows bound at the first call (in place, or copied in) for the engine's life. */
  private dots(): CentreDots {
    if (this.centreDots === null) {
      this.centreDots = new CentreDots(this.memory);
      this.centreDots.bind(this.m, this.r0, this.r1);
    }
    return this.centreDots;
  }
}
