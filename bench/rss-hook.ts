/**
 * Preloaded (`node --import`) into a benchmarked child when /usr/bin/time is missing: writes the process's peak
 * RSS, in kB, to $NC_BENCH_RSS_FILE at exit.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.NC_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
