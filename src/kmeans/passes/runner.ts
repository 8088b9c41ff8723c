import type { CsrMatrix } from '../../matrix/csr.js';
import { blockCount } from '../kernels.js';
import { SerialRunner } from './serial-runner.js';
import type { PassRunner } from './work.js';
import { WorkerRunner } from './worker-runner.js';

export type { CandidateWork, LloydWork, PassRunner } from './work.js';

export interface PassRunnerOptions {
  /** The worker entry; tests substitute a failing one. */
  readonly workerUrl?: URL;
}

const defaultWorkerUrl = () => new URL('./pass-worker.js', import.meta.url);

/**
 * The runner for `threads` threads: the serial runner for one, else worker threads over the matrix in shared
 * memory (copied there once unless the reader already put it there). Both give the same bits.
 */
export async function createPassRunner(
  m: CsrMatrix,
  threads: number,
  options: PassRunnerOptions = {},
): Promise<PassRunner> {
  const parts = Math.min(Math.floor(threads), blockCount(m.nRows));
  if (!(parts > 1)) return new SerialRunner(m);
  return WorkerRunner.start(m, parts, options.workerUrl ?? defaultWorkerUrl());
}
