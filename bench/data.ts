/**
 * The benchmark's data: the generator's full-shape df_p (144,380 x 5,332, ~9.3% dense, ~1 GB) and its first 10k
 * and 40k customers (exact prefixes of the same generation), written once to bench/cache/ (git-ignored) as CSV
 * and as CSR files.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePivot } from '../src/generate/index.js';
import { openBlockSink } from '../src/io/block-sink.js';
import { writeCsrFile } from '../src/io/csr/csr-file.js';
import { readRatings } from '../src/io/read-ratings.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const cacheDir = join(repoRoot, 'bench', 'cache');
export const FULL_CUSTOMERS = 144380;
const SEED = 0;

export interface BenchData {
  readonly customers: number;
  readonly csv: string;
  readonly csr: string;
  readonly csvBytes: number;
  readonly csrBytes: number;
}

/** The CSV and CSR files of the first `customers` customers, generated if missing. */
export async function ensureData(customers: number, log: (line: string) => void): Promise<BenchData> {
  mkdirSync(cacheDir, { recursive: true });
  const base = join(cacheDir, `df_p-seed${SEED}-${customers}`);
  const csv = `${base}.csv`;
  const csr = `${base}.csr`;
  if (!existsSync(csv)) {
    log(`generating ${csv} ...`);
    const out = openBlockSink(csv);
    const summary = await generatePivot({ seed: SEED, rows: customers }, out);
    await out.commit();
    log(
      `  ${summary.customers} customers, ${summary.ratings} ratings, ${(summary.bytes / 1e6).toFixed(0)} MB in ${summary.seconds.toFixed(1)} s`,
    );
  }
  if (!existsSync(csr)) {
    log(`converting to ${csr} ...`);
    await writeCsrFile(csr, await readRatings(csv));
  }
  return { customers, csv, csr, csvBytes: statSync(csv).size, csrBytes: statSync(csr).size };
}
