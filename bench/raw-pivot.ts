/**
 * Times the raw Netflix path end to end: synthetic combined_data_*.txt (generated once into bench/cache/), read,
 * trim, CSR, df_p write. `npm run build && node dist/bench/raw-pivot.js [ratings] [--gzip]`, ratings default 10 M.
 * 100 M ratings need about 2 GB in bench/cache and 1 GB of memory.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticNetflixRaw } from '../src/generate/netflix-raw-writer.js';
import { pivotScanned, readNetflixRaw } from '../src/io/netflix/netflix-raw.js';
import { writePivotCsv } from '../src/io/pivot/write-pivot.js';

const args = process.argv.slice(2);
const ratings = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000_000);
const gzip = args.includes('--gzip');
const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = join(root, 'bench', 'cache', `raw-${ratings}${gzip ? '-gz' : ''}`);

let wall = performance.now();
let cpu = process.cpuUsage();
function lap(phase: string): void {
  const used = process.cpuUsage(cpu);
  const rss = process.memoryUsage().rss / 2 ** 30;
  console.log(
    `${phase.padEnd(9)} wall ${((performance.now() - wall) / 1000).toFixed(2).padStart(6)} s   cpu ${((used.user + used.system) / 1e6).toFixed(2).padStart(6)} s   rss ${rss.toFixed(2)} GiB`,
  );
  wall = performance.now();
  cpu = process.cpuUsage();
}

if (!existsSync(join(dir, 'movie_titles.csv'))) {
  mkdirSync(dir, { recursive: true });
  await writeSyntheticNetflixRaw(dir, { seed: 1, ratings, gzip });
  lap('generate');
}
const files = readdirSync(dir)
  .filter((f) => f.startsWith('combined_data_'))
  .sort()
  .map((f) => join(dir, f));
const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
console.log(`${files.length} files, ${(bytes / 1e9).toFixed(2)} GB, ${ratings.toLocaleString('en-US')} ratings`);
const raw = await readNetflixRaw(files);
lap('read');
const { data, stats } = pivotScanned(raw, files);
lap('trim+csr');
const out = join(dir, `df_p.csv${gzip ? '.gz' : ''}`);
await writePivotCsv(out, data);
lap('write');
console.log(
  `thresholds ${stats.movieThreshold} / ${stats.customerThreshold}, kept ${stats.keptRatings.toLocaleString('en-US')}, pivot ${stats.rows} x ${stats.cols}, ${(statSync(out).size / 1e9).toFixed(2)} GB`,
);
rmSync(out);
