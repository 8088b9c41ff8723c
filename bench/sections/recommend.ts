import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, repoRoot } from '../data.js';
import { median, round, runNode, waitForIdle } from '../measure.js';

/**
 * The recommenders (issue 13): 5-fold accuracy on MovieLens ml-latest-small when it is on the machine (never
 * committed, nothing derived from it is written), and at the full df_p shape the mf fit (20 factors, 10 ALS sweeps)
 * and `recommend --all --top 10` for every customer, as a user runs them: fresh processes, wall time, peak RSS.
 */
export interface RecommendBench {
  readonly movielens: null | {
    readonly input: string;
    readonly scores: {
      predictor: string;
      k: number | null;
      rmse: number;
      rmseStd: number;
      mae: number;
      ndcg10: number;
      fitSeconds: number;
      predictSeconds: number;
    }[];
    readonly seconds: number;
  };
  readonly full: {
    readonly input: string;
    readonly fitSeconds: number;
    readonly recommendSeconds: number;
    readonly totalSeconds: number;
    readonly peakRssMb: number | null;
    readonly runs: number[];
  };
}

const bin = join(repoRoot, 'bin', 'netflix-cluster.js');
const rssHook = fileURLToPath(new URL('../rss-hook.js', import.meta.url));
export const movielensSmall = '/work/shared/data/ml-latest-small/ratings.csv';

export async function benchRecommend(fullCsr: string, threads: number, runs: number): Promise<RecommendBench> {
  let movielens: RecommendBench['movielens'] = null;
  if (existsSync(movielensSmall)) {
    await waitForIdle();
    const run = await runNode(
      [
        bin,
        'evaluate',
        '--input',
        movielensSmall,
        '--rating-range',
        '0.5..5',
        '--folds',
        '5',
        '--threads',
        String(threads),
        '--json',
        '--quiet',
      ],
      rssHook,
    );
    if (run.code !== 0) throw new Error(`evaluate on ml-latest-small failed (${run.code}): ${run.stderr.slice(-500)}`);
    const o = JSON.parse(run.stdout) as {
      scores: {
        predictor: string;
        k: number | null;
        rmse: number;
        mae: number;
        ndcg10: number;
        std: { rmse: number };
        fitSeconds: number;
        predictSeconds: number;
      }[];
    };
    movielens = {
      input: movielensSmall,
      scores: o.scores.map((s) => ({
        predictor: s.predictor,
        k: s.k,
        rmse: round(s.rmse, 4),
        rmseStd: round(s.std.rmse, 4),
        mae: round(s.mae, 4),
        ndcg10: round(s.ndcg10, 4),
        fitSeconds: round(s.fitSeconds),
        predictSeconds: round(s.predictSeconds),
      })),
      seconds: round(run.seconds),
    };
  }
  const out = join(cacheDir, `recs-${process.pid}.csv`);
  const fits: number[] = [];
  const recs: number[] = [];
  const totals: number[] = [];
  const rss: number[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      await waitForIdle();
      const run = await runNode(
        [
          bin,
          'recommend',
          '--input',
          fullCsr,
          '--all',
          '--top',
          '10',
          '--predictor',
          'mf',
          '--threads',
          String(threads),
          '--out',
          out,
        ],
        rssHook,
      );
      if (run.code !== 0) throw new Error(`recommend --all failed (${run.code}): ${run.stderr.slice(-500)}`);
      const m = /^time +fit ([\d.]+) s +recommend ([\d.]+) s/m.exec(run.stderr);
      if (m) {
        fits.push(Number(m[1]));
        recs.push(Number(m[2]));
      }
      totals.push(run.seconds);
      if (run.peakRssMb !== null) rss.push(run.peakRssMb);
    }
  } finally {
    rmSync(out, { force: true });
  }
  return {
    movielens,
    full: {
      input: fullCsr,
      fitSeconds: round(median(fits)),
      recommendSeconds: round(median(recs)),
      totalSeconds: round(median(totals)),
      peakRssMb: rss.length ? round(Math.max(...rss), 0) : null,
      runs: totals.map((t) => round(t)),
    },
  };
}
