import type { CsrMatrix } from '../../matrix/csr.js';
import type { ValueScan } from '../exact-sums.js';
import type { BlockOutputs } from './block-engine.js';
import type { CandidateWork, LloydWork } from './work.js';

/** What a k-means worker thread is started with: the matrix and its norms in shared memory, and its blocks. */
export interface PassWorkerInit {
  readonly rowPtr: Float64Array;
  readonly colIdx: CsrMatrix['colIdx'];
  readonly values: Float32Array | null;
  readonly nRows: number;
  readonly nCols: number;
  readonly xNorms: Float64Array;
  /** The WebAssembly memory the matrix's ratings are in (csrMemoryOf), for the kernels to read them in place. */
  readonly memory: WebAssembly.Memory | null;
  /** The worker's blocks, [b0, b1). */
  readonly b0: number;
  readonly b1: number;
}

/**
 * Every array in a request lives in shared memory; the message only carries views of it. The work's own sumsT
 * and counts are null: a worker's sums go where `out` says.
 */
export type PassRequest =
  | { readonly op: 'prepare' }
  | { readonly op: 'lloyd'; readonly work: LloydWork; readonly out: BlockOutputs }
  | { readonly op: 'candidates'; readonly work: CandidateWork; readonly blockPotentials: Float64Array };

export type PassReply = ValueScan | null;
