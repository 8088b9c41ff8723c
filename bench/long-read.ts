/**
 * Long-file scanning speed (issue 11's target: 10 M lines at >= 150 MB/s per core):
 *
 *   node dist/bench/long-read.js [--lines 10000000] [--runs 3]
 *
 * Writes ml-latest-shaped lines (`user,movie,rating,timestamp`, half stars) once per layout into bench/cache/
 * (git-ignored): a comma file with a header, a tab file without (u.data) and a `::` file (ratings.dat). Then times
 * the scan (scanLongCsv: every byte parsed and validated into typed arrays) and the whole read (plus ranking,
 * CSR build and timestamp alignment) in this process, reporting the median MB/s and MB per CPU-second, which is
 * what one core does however busy the machine is.
 */
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readLongRatingsCsv, scanLongCsv } from '../src/io/long/long-csv.js';
import { Rng } from '../src/util/random.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const lines = arg('--lines', 10_000_000);
const runs = arg('--runs', 3);
const cache = fileURLToPath(new URL('../../bench/cache/', import.meta.url));
mkdirSync(cache, { recursive: true });

async function write(path: string, sep: string, header: boolean): Promise<void> {
  if (existsSync(path)) return;
  const out = createWriteStream(path);
  const rng = new Rng(11);
  if (header) out.write(['userId', 'movieId', 'rating', 'timestamp'].join(sep) + '\n');
  let buf = '';
  for (let i = 0; i < lines; i++) {
    const user = 1 + Math.floor(i / 150);
    const movie = 1 + rng.int(60_000);
    const rating = (1 + rng.int(10)) / 2;
    buf += `${user}${sep}${movie}${sep}${rating.toFixed(1)}${sep}${1_000_000_000 + rng.int(500_000_000)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const layouts: [string, string, boolean][] = [
  ['comma, header (ratings.csv)', ',', true],
  ['tab, no header (u.data)', '\t', false],
  ['"::", no header (ratings.dat)', '::', false],
];
for (const [name, sep, header] of layouts) {
  const path = join(cache, `long-${lines}-${sep === '\t' ? 'tab' : sep === ',' ? 'comma' : 'colons'}.txt`);
  await write(path, sep, header);
  const mb = statSync(path).size / 1e6;
  for (const [what, read] of [
    ['scan', () => scanLongCsv(path)],
    ['read', () => readLongRatingsCsv(path)],
  ] as const) {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < runs; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await read();
      wall.push((performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1e6);
    }
    const s = median(wall);
    console.log(
      `${name.padEnd(30)} ${what}  ${mb.toFixed(0)} MB  ${s.toFixed(2)} s  ${(mb / s).toFixed(0)} MB/s  ${(mb / median(cpu)).toFixed(0)} MB per CPU-s`,
    );
  }
}
