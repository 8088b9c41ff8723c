import { fitKMeans } from '../../src/kmeans/fit.js';
import type { KMeansOptions, KMeansResult } from '../../src/kmeans/kmeans-types.js';
import { createPassRunner } from '../../src/kmeans/passes/runner.js';
import type { CsrMatrix } from '../../src/matrix/csr.js';

export interface TimedFit {
  /** Wall seconds of all of it: starting the runner (workers, row norms), then the fit. */
  readonly seconds: number;
  /** Wall seconds of starting the runner alone. */
  readonly startSeconds: number;
  /** CPU seconds of every thread, all of it, and the fit's alone. */
  readonly cpuSeconds: number;
  readonly fitCpuSeconds: number;
  readonly r: KMeansResult;
}

/** One in-process fit on a runner of its own (closed after): what the fit, bounds and versus sections time. */
export async function timedFit(m: CsrMatrix, options: Partial<KMeansOptions>, threads: number): Promise<TimedFit> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const runner = await createPassRunner(m, threads);
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  try {
    const r = await fitKMeans(m, options, runner);
    const cpu = process.cpuUsage(cpu0);
    const fitCpu = process.cpuUsage(cpu1);
    return {
      seconds: (performance.now() - t0) / 1000,
      startSeconds: (t1 - t0) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      fitCpuSeconds: (fitCpu.user + fitCpu.system) / 1e6,
      r,
    };
  } finally {
    await runner.close();
  }
}
