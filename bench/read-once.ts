/**
 * One read in a fresh process, as the CLI does it (cold JIT, fresh memory): prints {"seconds", "cpuSeconds", "rows",
 * "ratings"}.
 *
 *   node dist/bench/read-once.js PATH THREADS
 */
import { readRatings } from '../src/io/read-ratings.js';

const [path, threads] = process.argv.slice(2);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const data = await readRatings(path, { threads: Number(threads) });
const seconds = (performance.now() - t0) / 1000;
// CPU time of every thread of the process: on a busy machine, bytes per CPU-second still say what a core does
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const m = data.matrix;
process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds, rows: m.nRows, ratings: m.rowPtr[m.nRows] })}\n`);
