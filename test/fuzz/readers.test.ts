import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { writeCsrFile } from '../../src/io/csr/csr-file.js';
import { readCsrFile } from '../../src/io/csr/csr-file.js';
import { readLongRatingsCsv } from '../../src/io/long/long-csv.js';
import { pivotRaw } from '../../src/io/netflix/netflix-raw.js';
import { readRatingsAny } from '../../src/io/read-any.js';
import { readAssignments } from '../../src/io/read-assignments.js';
import { readMovieTitles } from '../../src/io/titles/titles.js';
import { readPivotRatingsCsv } from '../../src/io/pivot/pivot-csv.js';
import { loadModel } from '../../src/kmeans/model.js';
import { UserError } from '../../src/util/errors.js';
import { Rng } from '../../src/util/random.js';
import { fixture, tempDir } from '../helpers.js';

/**
 * Seeded fuzzing of every reader, in-process: small valid files are mutated (bytes flipped or replaced, lines cut,
 * duplicated, shuffled, the file truncated, bytes inserted, some cases gzipped and then truncated) and each reader
 * must end with a result or a UserError - never another exception (a TypeError, a RangeError from a typed array)
 * and never a hang (each case races a timeout). FUZZ_CASES sets the total (default 10,000, shared by the readers;
 * about 10-20 s here); FUZZ_SEED the seed. A failure prints the seed, the case and the mutated bytes in base64.
 */
const TOTAL = Number(process.env.FUZZ_CASES ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const CASE_TIMEOUT_MS = 5_000;

interface Reader {
  readonly name: string;
  readonly seeds: readonly Buffer[];
  readonly ext: string;
  read(path: string): Promise<unknown>;
}

const text = (s: string) => Buffer.from(s, 'latin1');
const file = (name: string) => readFileSync(fixture(name));

async function csrSeed(dir: string): Promise<Buffer> {
  const path = join(dir, 'seed.csr');
  await writeCsrFile(path, await readPivotRatingsCsv(fixture('tiny.csv')));
  return readFileSync(path);
}

const modelSeed = text(
  '{"format":"netflix-cluster-model","version":1,"matrix":"ratings","k":2,"movieIds":[3,8,16],' +
    '"centers":[[0.5,1,0.6666666666666666],[5,4,0]],"inertia":10.17,"nIter":2,"converged":true,"sizes":[3,1],' +
    '"options":{"seed":0,"init":"k-means++","nInit":1,"maxIter":300,"tol":0.0001,"engine":"sparse","ratingRange":{"min":1,"max":5}}}\n',
);

async function readers(dir: string): Promise<Reader[]> {
  const pivot = [file('tiny.csv'), file('heatmap/pivot.csv'), file('netflix/df_p.csv')];
  const raw = [file('netflix/combined_data_1.txt'), file('netflix/combined_data_2.txt')];
  const long = [file('netflix/ratings.csv')];
  return [
    { name: 'pivot', seeds: pivot, ext: 'csv', read: (p) => readPivotRatingsCsv(p) },
    {
      name: 'netflix',
      seeds: raw,
      ext: 'txt',
      read: (p) => pivotRaw([p], { minMovieRatings: 0, minCustomerRatings: 0 }),
    },
    { name: 'long', seeds: long, ext: 'csv', read: (p) => readLongRatingsCsv(p) },
    // detection first, then whichever reader the first line picks (one thread: no workers per case)
    { name: 'any', seeds: [...pivot, ...raw, ...long], ext: 'csv', read: (p) => readRatingsAny(p, { threads: 1 }) },
    { name: 'titles', seeds: [file('heatmap/titles.csv')], ext: 'csv', read: (p) => readMovieTitles(p) },
    { name: 'assignments', seeds: [file('heatmap/assignments.csv')], ext: 'csv', read: (p) => readAssignments(p) },
    { name: 'csr', seeds: [await csrSeed(dir)], ext: 'csr', read: (p) => readCsrFile(p) },
    { name: 'model', seeds: [modelSeed], ext: 'json', read: (p) => loadModel(p) },
  ];
}

function lines(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 10) {
      out.push(b.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < b.length) out.push(b.subarray(start));
  return out;
}

const interesting = [0, 9, 10, 13, 34, 44, 45, 46, 48, 57, 58, 0x7f, 0x80, 0xef, 0xfe, 0xff].map((c) => [c]);

/** One to three mutations of a seed file; all choices come from rng, so a case is reproducible from the seed. */
function mutate(rng: Rng, seed: Buffer): Buffer {
  let b = Buffer.from(seed);
  const rounds = 1 + rng.int(3);
  for (let r = 0; r < rounds; r++) {
    const pos = b.length === 0 ? 0 : rng.int(b.length);
    switch (rng.int(8)) {
      case 0: // flip one bit
        if (b.length > 0) b[pos] ^= 1 << rng.int(8);
        break;
      case 1: // replace a byte by a CSV-significant one or a random one
        if (b.length > 0) b[pos] = rng.int(2) === 0 ? interesting[rng.int(interesting.length)][0] : rng.int(256);
        break;
      case 2: // truncate
        b = b.subarray(0, pos);
        break;
      case 3: {
        // cut one line short
        const ls = lines(b);
        if (ls.length === 0) break;
        const i = rng.int(ls.length);
        ls[i] = ls[i].subarray(0, rng.int(ls[i].length + 1));
        b = Buffer.concat(ls);
        break;
      }
      case 4: {
        // duplicate a line (duplicate ids, a second header)
        const ls = lines(b);
        if (ls.length === 0) break;
        const i = rng.int(ls.length);
        ls.splice(rng.int(ls.length + 1), 0, ls[i]);
        b = Buffer.concat(ls);
        break;
      }
      case 5: {
        // shuffle the lines (the header may land anywhere)
        const ls = lines(b);
        for (let i = ls.length - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [ls[i], ls[j]] = [ls[j], ls[i]];
        }
        b = Buffer.concat(ls);
        break;
      }
      case 6: // insert a few random bytes
        b = Buffer.concat([
          b.subarray(0, pos),
          Buffer.from(Array.from({ length: 1 + rng.int(8) }, () => rng.int(256))),
          b.subarray(pos),
        ]);
        break;
      case 7: // delete a range
        b = Buffer.concat([b.subarray(0, pos), b.subarray(pos + 1 + rng.int(16))]);
        break;
    }
  }
  // now and then the same damage inside a gzip stream, sometimes cut short
  if (rng.int(10) === 0) {
    const z = gzipSync(b);
    b = rng.int(2) === 0 ? z : z.subarray(0, rng.int(z.length));
  }
  return b;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms (a hang)`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

test(
  `fuzz: ${TOTAL} mutated files through every reader end in a result or a UserError`,
  { timeout: 300_000 },
  async () => {
    const dir = tempDir();
    const all = await readers(dir);
    const rng = new Rng(SEED);
    const perReader = Math.ceil(TOTAL / all.length);
    const started = Date.now();
    const outcomes: Record<string, { ok: number; userError: number }> = {};
    const failures: string[] = [];
    for (const reader of all) {
      const path = join(dir, `case.${reader.ext}`);
      const tally = { ok: 0, userError: 0 };
      outcomes[reader.name] = tally;
      for (let i = 0; i < perReader; i++) {
        const bytes = mutate(rng, reader.seeds[rng.int(reader.seeds.length)]);
        writeFileSync(path, bytes);
        try {
          await withTimeout(reader.read(path), CASE_TIMEOUT_MS);
          tally.ok++;
        } catch (err) {
          if (err instanceof UserError && !err.message.includes('\n')) {
            tally.userError++;
            continue;
          }
          const why =
            err instanceof UserError ? `a multi-line message: ${err.message}` : ((err as Error)?.stack ?? String(err));
          failures.push(
            `${reader.name} case ${i} (FUZZ_SEED=${SEED}): ${why}\ninput (base64): ${bytes.toString('base64')}`,
          );
        }
      }
    }
    const seconds = (Date.now() - started) / 1000;
    const cases = perReader * all.length;
    // the numbers go to the test log: how many mutants each reader accepted and refused, and how fast
    console.log(`fuzz: ${cases} cases in ${seconds.toFixed(1)} s: ${JSON.stringify(outcomes)}`);
    assert.deepEqual(failures.slice(0, 5), [], `${failures.length} failing cases`);
    for (const [name, t] of Object.entries(outcomes))
      assert.ok(t.userError > 0, `${name}: the mutations never tripped the reader`);
  },
);
