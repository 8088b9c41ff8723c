/**
 * The bound schemes side by side on a prefix of the benchmark data (for choosing groupSizeFor without the full run):
 *
 *   node dist/bench/bounds.js [--customers 40000] [--k 5,20,50] [--groups 1000,8,4,1] [--threads 2] [--runs 1] [--max-wait 0]
 */
import { ensureData } from './data.js';
import { idleWait } from './measure.js';
import { benchBounds } from './sections/bounds.js';
import { readRatings } from '../src/io/read-ratings.js';

const args = process.argv.slice(2);
const value = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
};
const list = (s: string) => s.split(',').map(Number);
const log = (line: string) => process.stderr.write(`${line}\n`);
idleWait.maxSeconds = Math.max(0, Number(value('--max-wait', '0')));
const data = await ensureData(Number(value('--customers', '40000')), log);
const m = (await readRatings(data.csr)).matrix;
const rows = await benchBounds(
  m,
  list(value('--k', '5,20,50')),
  list(value('--groups', '1000,8,4,1')),
  Number(value('--threads', '2')),
  Number(value('--runs', '1')),
  log,
);
process.stdout.write(`${JSON.stringify(rows)}\n`);
