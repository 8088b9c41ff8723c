/**
 * The benchmark: `npm run bench` (builds, then runs dist/bench/run.js).
 *
 *   node dist/bench/run.js [--runs 3] [--threads 2] [--only reading,fit,e2e,embed,scaling,engines,heatmap,parquet,bounds,versus,recommend]
 *                          [--max-wait 120] [--versus-customers 144380] [--bounds-customers 40000]
 *                          [--minibatch-customers 144380] (the minibatch section runs with --only minibatch)
 *
 * Generates the full-shape data once (bench/cache/, git-ignored), then measures medians of --runs runs: reading,
 * fitting (ratings and binary), end to end through the CLI, scaling with size, ml-kmeans against the sparse engine,
 * and heatmaps when src/plot is present. Prints tables and writes bench/results.json. The machine may be shared:
 * each run first waits (up to --max-wait seconds, 0 = never) for two idle seconds, and the load averages of each
 * section go into results.json. Sections not run keep their earlier results in results.json; BENCHMARKS.md is then
 * generated from it (bench/report.ts).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { cacheDir, ensureData, FULL_CUSTOMERS, repoRoot } from './data.js';
import { idleWait, machineInfo, round } from './measure.js';
import { benchEndToEnd } from './sections/e2e.js';
import { benchEmbedding } from './sections/embedding.js';
import { benchEngines } from './sections/engines.js';
import { benchFit, type FitResult } from './sections/fitting.js';
import { benchHeatmaps } from './sections/heatmap.js';
import { benchParquet } from './sections/parquet.js';
import { benchReading } from './sections/reading.js';
import { benchRecommend } from './sections/recommend.js';
import { benchScaling } from './sections/scaling.js';
import { benchBounds } from './sections/bounds.js';
import { benchVersus } from './sections/versus.js';
import { benchMiniBatch } from './sections/minibatch.js';
import { writeBenchmarksMd } from './report.js';
import { readRatings } from '../src/io/read-ratings.js';
import { table } from './table.js';

const args = process.argv.slice(2);
const value = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
};
const runs = Math.max(1, Number(value('--runs', '3')));
const threads = Math.max(1, Number(value('--threads', String(availableParallelism()))));
const sections = new Set(
  value('--only', 'reading,fit,e2e,embed,scaling,engines,heatmap,parquet,bounds,versus,recommend').split(','),
);
const versusCustomers = Number(value('--versus-customers', String(FULL_CUSTOMERS)));
const boundsCustomers = Number(value('--bounds-customers', '40000'));
const minibatchCustomers = Number(value('--minibatch-customers', String(FULL_CUSTOMERS)));
const log = (line: string) => process.stderr.write(`${line}\n`);
idleWait.maxSeconds = Math.max(0, Number(value('--max-wait', '120')));
idleWait.log = log;

const resultsPath = join(repoRoot, 'bench', 'results.json');
const earlier = existsSync(resultsPath)
  ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as Record<string, unknown>)
  : {};
const results: Record<string, unknown> = {
  ...earlier,
  machine: machineInfo(),
  runs,
  threads,
  date: new Date().toISOString(),
};
const loads: Record<string, number[]> = { ...((earlier.loadAverages as Record<string, number[]>) ?? {}) };
results.loadAverages = loads;
// when and how each section was last measured (a section not rerun keeps its results and this)
const sectionInfo: Record<string, { date: string; runs: number; threads: number }> = {
  ...((earlier.sectionInfo as Record<string, { date: string; runs: number; threads: number }>) ?? {}),
};
for (const name of ['reading', 'fit', 'e2e', 'scaling', 'engines', 'heatmap', 'parquet']) {
  if (earlier[name] !== undefined && sectionInfo[name] === undefined)
    sectionInfo[name] = { date: String(earlier.date), runs: Number(earlier.runs), threads: Number(earlier.threads) };
}
results.sectionInfo = sectionInfo;

/** Runs a section and records the load averages it ran under (each of its runs waits for an idle machine). */
async function section<T>(name: string, fn: () => Promise<T>): Promise<T | null> {
  if (!sections.has(name)) return null;
  const before = loadavg()[0];
  log(`[${name}] load ${before.toFixed(2)} ...`);
  const out = await fn();
  loads[name] = [round(before, 2), round(loadavg()[0], 2)];
  sectionInfo[name] = { date: new Date().toISOString(), runs: name === 'bounds' ? 1 : runs, threads };
  results[name] = out;
  return out;
}

const needsFull =
  ['reading', 'fit', 'e2e', 'embed', 'scaling', 'engines', 'heatmap', 'parquet', 'recommend'].some((s) =>
    sections.has(s),
  ) ||
  (sections.has('versus') && versusCustomers === FULL_CUSTOMERS) ||
  (sections.has('minibatch') && minibatchCustomers === FULL_CUSTOMERS);
// generated (about a minute and 1.4 GB of disk) only when a section measures it
const full = needsFull ? await ensureData(FULL_CUSTOMERS, log) : (null as never);
const threadCounts = [...new Set([1, threads])];

const reading = await section('reading', () => benchReading(full, runs, threadCounts));
if (reading) {
  console.log(
    table(
      `Reading the full shape (${FULL_CUSTOMERS} customers): one read per fresh process`,
      ['input', 'MB', 'threads', 'median s', 'MB/s', 'MB/s per thread', 'MB per CPU-s', 'peak RSS MB'],
      reading.map((r) => [
        r.input,
        Math.round((r.input === 'CSV' ? full.csvBytes : full.csrBytes) / 1e6),
        r.threads,
        r.seconds,
        r.mbPerSecond,
        r.mbPerSecondPerThread,
        r.mbPerCpuSecond,
        r.peakRssMb,
      ]),
    ),
  );
}

const fits = await section('fit', async () => {
  const m = (await readRatings(full.csr)).matrix;
  const out: FitResult[] = [];
  for (const kind of ['ratings', 'binary'] as const)
    for (const t of threadCounts) out.push(await benchFit(m, kind, t, runs));
  return out;
});
if (fits) {
  console.log(
    table(
      'fit, k = 5, full shape (medians)',
      ['matrix', 'threads', 'start s', 'init s', 'iterations', 's/iteration', 'ns/rating/iter', 'fit s', 'CPU/wall'],
      fits.map((f) => [
        f.kind,
        f.threads,
        f.startSeconds,
        f.initSeconds,
        f.iterations,
        f.secondsPerIteration,
        f.nsPerRatingIteration,
        f.totalSeconds,
        f.cpuPerWall,
      ]),
    ),
  );
}

const e2e = await section('e2e', async () => [
  await benchEndToEnd(full.csv, threads, runs),
  await benchEndToEnd(full.csr, threads, runs),
]);
if (e2e) {
  console.log(
    table(
      'End to end: input -> assignments CSV, k = 5 (fresh process each run)',
      ['input', 'threads', 'median s', 'peak RSS MB', 'CPU %', 'runs s'],
      e2e.map((r) => [
        r.input.replace(`${cacheDir}/`, ''),
        r.threads,
        r.seconds,
        r.peakRssMb,
        r.cpuPercent ?? '-',
        r.runs.join(' '),
      ]),
    ),
  );
  console.log(`(ran: ${e2e[0].command})`);
}

const embed = await section('embed', () => benchEmbedding(full.csr, threads, runs));
if (embed) {
  console.log(
    table(
      'fit with the taste options, CSR input, k = 5 (fresh process each run)',
      ['options', 'threads', 'median s', 'peak RSS MB', 'runs s'],
      embed.map((r) => [r.options, r.threads, r.seconds, r.peakRssMb, r.runs.join(' ')]),
    ),
  );
}

const scaling = await section('scaling', async () => {
  const sizes = [await ensureData(10000, log), await ensureData(40000, log), full];
  return benchScaling(sizes, threads, runs);
});
if (scaling) {
  console.log(
    table(
      `Scaling (${threads} threads)`,
      [
        'customers',
        'ratings',
        'read CSV s',
        'ns/byte',
        'read CSR s',
        'fit s',
        'iterations',
        's/iteration',
        'ns/rating/iter',
      ],
      scaling.map((r) => [
        r.customers,
        r.ratings,
        r.readCsvSeconds,
        r.readNsPerByte,
        r.readCsrSeconds,
        r.fitSeconds,
        r.iterations,
        r.secondsPerIteration,
        r.nsPerRatingIteration,
      ]),
    ),
  );
}

const engines = await section('engines', () => benchEngines(full.csr, [1000, 5000, 10000], runs));
if (engines) {
  console.log(
    table(
      'ml-kmeans (dense) vs sparse engine (1 thread), same k-means++ start, tol 0',
      ['rows', 'ml-kmeans s', 'sparse s', 'speed-up', 'iterations', 'labels differing'],
      engines.map((r) => [
        r.rows,
        r.mlKmeansSeconds,
        r.sparseSeconds,
        `${r.speedup}x`,
        `${r.mlKmeansIterations} / ${r.sparseIterations}`,
        r.labelsDiffering,
      ]),
    ),
  );
}

const heat = await section('heatmap', () => benchHeatmaps(full.csr, 10000, runs));
if (heat)
  console.log(
    `\nHeatmaps: ${'skipped' in heat ? `skipped (${heat.skipped})` : `${heat.images} images for ${heat.rows} customers in ${heat.seconds} s`}`,
  );

const parquet = await section('parquet', () => benchParquet(full, runs, threads));
if (parquet) {
  console.log(
    table(
      `Parquet, full shape (${FULL_CUSTOMERS} customers): fresh process each run`,
      ['step', 'ratings', 'MB', 'median s', 'CPU s', 'peak RSS MB', 'runs s'],
      parquet.map((r) => [
        r.step,
        r.ratings,
        r.megabytes,
        r.seconds,
        r.cpuSeconds ?? '-',
        r.peakRssMb,
        r.runs.join(' '),
      ]),
    ),
  );
}

const recs = await section('recommend', () => benchRecommend(full.csr, threads, runs));
if (recs) {
  if (recs.movielens) {
    console.log(
      table(
        'MovieLens ml-latest-small, 5-fold (theirs for scale: Surprise on 100k, BaselineOnly 0.944, SVD 0.934, SVD++ 0.919)',
        ['predictor', 'RMSE', 'std', 'MAE', 'NDCG@10', 'fit s (5 folds)', 'predict s'],
        recs.movielens.scores.map((s) => [
          s.k === null ? s.predictor : `${s.predictor} k=${s.k}`,
          s.rmse,
          s.rmseStd,
          s.mae,
          s.ndcg10,
          s.fitSeconds,
          s.predictSeconds,
        ]),
      ),
    );
  }
  const f = recs.full;
  console.log(
    table(
      'recommend --all --top 10 --predictor mf, full shape (medians)',
      ['mf fit s', 'recommend s', 'total s', 'peak RSS MB'],
      [[f.fitSeconds, f.recommendSeconds, f.totalSeconds, f.peakRssMb ?? '-']],
    ),
  );
}

const bounds = await section('bounds', async () => {
  const data = await ensureData(boundsCustomers, log);
  const m = (await readRatings(data.csr)).matrix;
  return { customers: m.nRows, threads, rows: await benchBounds(m, [5, 12, 20, 50], [1000, 4, 2, 1], threads, 1, log) };
});
if (bounds) {
  console.log(
    table(
      `Bound schemes, first ${boundsCustomers} customers (one run each)`,
      ['k', 'scheme', 'chosen', 'fit s', 'CPU s', 'iterations'],
      bounds.rows.map((b) => [b.k, b.scheme, b.chosen ? 'yes' : '', b.fitSeconds, b.cpuSeconds, b.iterations]),
    ),
  );
}

const versus = await section('versus', async () => {
  const data = versusCustomers === FULL_CUSTOMERS ? full : await ensureData(versusCustomers, log);
  const m = (await readRatings(data.csr)).matrix;
  return benchVersus(data.csr, m, threads, runs, log);
});
if (versus) {
  console.log(
    table(
      'scikit-learn (fit alone) and ours, same data',
      ['algorithm', 'k', 'scikit-learn s', 'iterations'],
      versus.sklearn.map((f) => [f.algorithm, f.k, f.seconds, f.nIter]),
    ),
  );
  console.log(
    table(
      'ours',
      ['k', 'fit s', 'iterations'],
      versus.fits.map((f) => [f.k, f.seconds, f.iterations]),
    ),
  );
  console.log(`elbow k=2..12 (CLI, silhouette included): ${versus.elbowSeconds} s`);
}

const minibatch = await section('minibatch', async () => {
  const data = minibatchCustomers === FULL_CUSTOMERS ? full : await ensureData(minibatchCustomers, log);
  const m = (await readRatings(data.csr)).matrix;
  return { customers: m.nRows, threads, rows: await benchMiniBatch(m, [5, 20, 50], 1024, threads, runs, log) };
});
if (minibatch) {
  console.log(
    table(
      `--algorithm minibatch against the full fit, ${minibatch.customers} customers (medians)`,
      ['k', 'full s', 'iterations', 'minibatch s', 'batches', 'time ratio', 'inertia gap'],
      minibatch.rows.map((r) => [
        r.k,
        r.fullSeconds,
        r.fullIterations,
        r.miniSeconds,
        r.batches,
        r.timeRatio,
        `${(100 * r.inertiaGap).toFixed(2)}%`,
      ]),
    ),
  );
}

writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
log(`\nwrote ${resultsPath}`);
log(`wrote ${writeBenchmarksMd(results)}`);
