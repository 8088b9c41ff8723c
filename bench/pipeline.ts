/**
 * What `netflix-cluster fit --input IN --out OUT --threads N` does, for the end-to-end benchmark on a branch whose
 * fit command does not read with threads yet: read (CSR file or CSV, N threads), k-means (k = 5, seed 0) on N
 * threads, assignments `Cust_Id,cluster` written atomically.
 *
 *   node dist/bench/pipeline.js IN OUT N
 */
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { readRatings } from '../src/io/read-ratings.js';
import { fitKMeans } from '../src/kmeans/fit.js';
import { createPassRunner } from '../src/kmeans/passes/runner.js';

const [input, out, threadsArg] = process.argv.slice(2);
const threads = Number(threadsArg ?? 2);
const data = await readRatings(input, { threads });
const runner = await createPassRunner(data.matrix, threads);
const result = await fitKMeans(data.matrix, { k: 5, seed: 0 }, runner).finally(() => runner.close());
const lines = ['Cust_Id,cluster'];
for (let i = 0; i < result.labels.length; i++) lines.push(`${data.customerIds[i]},${result.labels[i]}`);
await writeFileAtomic(out, `${lines.join('\n')}\n`);
