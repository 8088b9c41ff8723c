import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { timedFit } from './timed-fit.js';
import type { CsrMatrix } from '../../src/matrix/csr.js';
import { repoRoot } from '../data.js';
import { median, repeat, round, runNode, waitForIdle } from '../measure.js';

/** One scikit-learn fit: the fit alone, the CSR already in memory (float64, as pandas would give it). */
export interface SklearnFit {
  readonly algorithm: 'elkan' | 'lloyd';
  readonly k: number;
  readonly seconds: number;
  /** CPU seconds of the fit, every thread (what to compare on a shared machine). */
  readonly cpuSeconds: number;
  readonly nIter: number;
  readonly inertia: number;
}

export interface VersusResult {
  readonly customers: number;
  readonly threads: number;
  readonly sklearnVersion: string | null;
  /** Why scikit-learn was not measured, when it was not. */
  readonly sklearnMissing: string | null;
  /** Medians over the runs, per algorithm and k. */
  readonly sklearn: SklearnFit[];
  /** `netflix-cluster elbow --k 2..12` from the .csr file, silhouette included, wall seconds of the process. */
  readonly elbowSeconds: number;
  readonly elbowKs: string;
  /**
   * Our fits (runner start included), per k: median seconds, iterations, inertia; and the fit's own split of its
   * time (timingsMs: k-means++, then the Lloyd iterations; medians; absent in results of older runs).
   */
  readonly fits: {
    k: number;
    seconds: number;
    cpuSeconds: number;
    iterations: number;
    inertia: number;
    initSeconds?: number;
    iterationSeconds?: number;
  }[];
}

const bin = join(repoRoot, 'bin', 'netflix-cluster.js');
const rssHook = fileURLToPath(new URL('../rss-hook.js', import.meta.url));
const script = join(repoRoot, 'bench', 'sklearn_kmeans.py');

/** A python3 with scikit-learn: the one on PATH, else Debian's (`apt-get install python3-sklearn`). */
function findPython(): { python: string; version: string } | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', 'import sklearn, threadpoolctl; print(sklearn.__version__)'], {
      encoding: 'utf8',
    });
    if (r.status === 0) return { python, version: r.stdout.trim() };
  }
  return null;
}

function runSklearn(
  python: string,
  csr: string,
  algorithm: string,
  ks: readonly number[],
  threads: number,
): Promise<SklearnFit[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [script, csr, algorithm, ks.join(','), String(threads)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`scikit-learn run failed (${code}): ${err.slice(-500)}`));
      resolve(
        out
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line))
          .map((r) => ({
            algorithm: r.algorithm,
            k: r.k,
            seconds: r.seconds,
            cpuSeconds: r.cpu_seconds,
            nIter: r.n_iter,
            inertia: r.inertia,
          })),
      );
    });
  });
}

/**
 * The issue-14 comparison on one matrix, in the same run: scikit-learn's Elkan for k = 2..12 and 20, its Lloyd
 * (the default) for k = 5; ours: the elbow through the CLI (silhouette included), and fits for k = 5, 20, 50.
 */
export async function benchVersus(
  csrPath: string,
  m: CsrMatrix,
  threads: number,
  runs: number,
  log: (line: string) => void,
): Promise<VersusResult> {
  const elbowKs = Array.from({ length: 11 }, (_, i) => i + 2);
  const py = findPython();
  const sklearn: SklearnFit[] = [];
  if (py !== null) {
    const all: SklearnFit[] = [];
    for (let r = 0; r < runs; r++) {
      for (const [algorithm, ks] of [
        ['elkan', [...elbowKs, 20]],
        ['lloyd', [5]],
      ] as const) {
        await waitForIdle();
        const fits = await runSklearn(py.python, csrPath, algorithm, ks, threads);
        log(`  scikit-learn ${algorithm}: ${fits.map((f) => `k=${f.k} ${round(f.seconds, 2)} s`).join(', ')}`);
        all.push(...fits);
      }
    }
    for (const key of [...new Set(all.map((f) => `${f.algorithm}:${f.k}`))]) {
      const same = all.filter((f) => `${f.algorithm}:${f.k}` === key);
      sklearn.push({
        ...same[0],
        seconds: round(median(same.map((f) => f.seconds))),
        cpuSeconds: round(median(same.map((f) => f.cpuSeconds))),
      });
    }
  }

  const elbowTimes: number[] = [];
  for (let r = 0; r < runs; r++) {
    await waitForIdle();
    const run = await runNode(
      [bin, 'elbow', '--input', csrPath, '--k', '2..12', '--threads', String(threads), '--json', '--quiet'],
      rssHook,
    );
    if (run.code !== 0) throw new Error(`elbow run failed (${run.code}): ${run.stderr.slice(-500)}`);
    elbowTimes.push(run.seconds);
    log(`  elbow k=2..12: ${round(run.seconds, 2)} s`);
  }

  const fits = [];
  for (const k of [5, 20, 50]) {
    const results = await repeat(runs, () => timedFit(m, { k, seed: 0 }, threads));
    const seconds = round(median(results.map((x) => x.seconds)));
    log(`  fit k=${k}: ${seconds} s, ${results[0].r.nIter} iterations`);
    const cpuSeconds = round(median(results.map((x) => x.cpuSeconds)));
    const initSeconds = round(median(results.map((x) => x.r.timingsMs.init / 1000)));
    const iterationSeconds = round(median(results.map((x) => x.r.timingsMs.iterations / 1000)));
    log(`    k-means++ ${initSeconds} s, iterations ${iterationSeconds} s`);
    fits.push({
      k,
      seconds,
      cpuSeconds,
      iterations: results[0].r.nIter,
      inertia: results[0].r.inertia,
      initSeconds,
      iterationSeconds,
    });
  }
  return {
    customers: m.nRows,
    threads,
    sklearnVersion: py?.version ?? null,
    sklearnMissing:
      py === null ? 'no python3 with scikit-learn and threadpoolctl (apt-get install -y python3-sklearn)' : null,
    sklearn,
    elbowSeconds: round(median(elbowTimes)),
    elbowKs: '2..12',
    fits,
  };
}
