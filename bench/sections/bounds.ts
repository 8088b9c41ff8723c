import { timedFit } from './timed-fit.js';
import { groupSizeFor } from '../../src/kmeans/row-bounds.js';
import type { CsrMatrix } from '../../src/matrix/csr.js';
import { median, repeat, round } from '../measure.js';

export interface BoundsRow {
  readonly k: number;
  /** Centres per lower bound: k is Hamerly's one bound, 1 is Elkan's per-centre bounds, between is Yinyang. */
  readonly groupSize: number;
  readonly scheme: string;
  readonly chosen: boolean;
  readonly iterations: number;
  readonly fitSeconds: number;
  /** CPU seconds of the fit, every thread: what to compare when other work shares the machine. */
  readonly cpuSeconds: number;
  readonly secondsPerIteration: number;
  readonly inertia: number;
}

export function schemeName(k: number, groupSize: number): string {
  if (groupSize >= k) return 'Hamerly (1 bound)';
  if (groupSize === 1) return `Elkan (${k} bounds)`;
  return `Yinyang (${Math.ceil(k / groupSize)} groups of ${groupSize})`;
}

/**
 * The same fit (seed 0, default options) under each bound scheme: the bits are the same for all of them (the
 * inertia column says so), only the time differs. The scheme is forced through NC_KMEANS_GROUP_SIZE, which the
 * worker threads inherit when the runner starts.
 */
export async function benchBounds(
  m: CsrMatrix,
  ks: readonly number[],
  groupSizes: readonly number[],
  threads: number,
  runs: number,
  log: (line: string) => void,
): Promise<BoundsRow[]> {
  const rows: BoundsRow[] = [];
  const saved = process.env.NC_KMEANS_GROUP_SIZE;
  try {
    for (const k of ks) {
      delete process.env.NC_KMEANS_GROUP_SIZE;
      const chosen = groupSizeFor(k);
      const sizes = [...new Set([...groupSizes.map((g) => Math.min(k, g)), chosen])].sort((a, b) => b - a);
      for (const groupSize of sizes) {
        process.env.NC_KMEANS_GROUP_SIZE = String(groupSize);
        // the fit alone: the runner's start is left out
        const results = (await repeat(runs, () => timedFit(m, { k, seed: 0 }, threads))).map((x) => ({
          seconds: x.seconds - x.startSeconds,
          cpuSeconds: x.fitCpuSeconds,
          r: x.r,
        }));
        const r = results[0].r;
        const fitSeconds = median(results.map((x) => x.seconds));
        rows.push({
          k,
          groupSize,
          scheme: schemeName(k, groupSize),
          chosen: groupSize === chosen,
          iterations: r.nIter,
          fitSeconds: round(fitSeconds),
          cpuSeconds: round(median(results.map((x) => x.cpuSeconds))),
          secondsPerIteration: round(median(results.map((x) => x.r.timingsMs.iterations / x.r.nIter)) / 1000, 4),
          inertia: r.inertia,
        });
        log(
          `  k=${k} ${schemeName(k, groupSize)}: ${round(fitSeconds)} s, ${rows[rows.length - 1].cpuSeconds} CPU s, ${r.nIter} iterations, inertia ${r.inertia}`,
        );
      }
    }
  } finally {
    if (saved === undefined) delete process.env.NC_KMEANS_GROUP_SIZE;
    else process.env.NC_KMEANS_GROUP_SIZE = saved;
  }
  return rows;
}
