import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPivotRatingsCsv } from '../../src/io/pivot/pivot-csv.js';
import { defaultRatingRange } from '../../src/matrix/rating-range.js';
import { messages } from '../../src/messages.js';
import { UserError } from '../../src/util/errors.js';
import { makeRecommendFixtures } from '../cli/recommend-fixtures.js';
import { binPath, fixture, pivotCsv, plantedMatrix, repoRoot, tempDir, type CliRun } from '../helpers.js';

/**
 * The one bad-input corpus, test/fixtures/bad/manifest.json. A case is either a file under test/fixtures/bad/ (or
 * `generated:<kind>`, too big to commit) run with its format's default argv from the manifest (or its own `argv`),
 * or a named run with its own `argv` (bad options, missing files). Placeholders: `{file}`, `{out}` (an empty
 * folder per case), `{fixtures}`, and `{fx:<name>}` for files made here once (a fitted model, a planted pivot).
 * `message` is a messages.ts function and its arguments (`["badRating", "{file}", 3, 2, "NaN"]`); an argument
 * `{"pattern": "..."}` stands for text that is not ours (JSON.parse's reason), and a bare `{"pattern": ...}`
 * for commander's own messages. Cases run through the CLI, many to a process (test/support/cli-batch.ts);
 * `inProcess` cases call the format's reader here instead.
 */
export type MessageArg = string | number | readonly string[] | { readonly pattern: string };
export interface BadCase {
  readonly name?: string;
  readonly format?: string;
  readonly file?: string;
  readonly argv?: readonly string[];
  readonly inProcess?: boolean;
  readonly code: number;
  readonly message?: readonly [keyof typeof messages, ...MessageArg[]] | { readonly pattern: string };
}
export interface BadManifest {
  readonly argv: Readonly<Record<string, readonly string[]>>;
  readonly cases: readonly BadCase[];
}

export function loadBadManifest(): BadManifest {
  return JSON.parse(readFileSync(fixture('bad/manifest.json'), 'utf8')) as BadManifest;
}

export const caseName = (c: BadCase) => c.name ?? `${c.format}: ${c.file}`;

/** A 10 MB single line: too big for the repository, cheap to write here. */
function generated(kind: string): string {
  const long = (digit: string) => digit.repeat(10_000_000);
  const files: Record<string, [string, string]> = {
    'pivot-10mb-line': ['big-line.csv', `Cust_Id,3,8\n6,${long('4')},\n`],
    'netflix-10mb-line': ['big-line.txt', `1:\n6,5,2005-09-06\n7,${long('5')}\n`],
    'long-10mb-line': ['big-line.csv', `userId,movieId,rating\n6,1,${long('5')}\n`],
  };
  const entry = files[kind];
  assert.ok(entry, `unknown generated case ${kind}`);
  const path = join(tempDir(), entry[0]);
  writeFileSync(path, entry[1]);
  return path;
}

/** The `{fx:<name>}` files, made on first use. */
let made: Record<string, string> | undefined;
function madeFixtures(): Record<string, string> {
  if (made !== undefined) return made;
  const fx = makeRecommendFixtures();
  const badTitles = join(fx.dir, 'bad-titles.csv');
  writeFileSync(badTitles, '1,2003,A\n2;2004;B\n');
  const planted = join(tempDir(), 'planted.csv');
  writeFileSync(planted, pivotCsv(plantedMatrix(600, 60, 0.15, 3, 2)));
  made = {
    'recommend-data': fx.data,
    'recommend-model': fx.model,
    'recommend-not-ours': fx.notOursModel,
    'recommend-dense-kind': fx.unknownKindModel,
    'recommend-other-movies': fx.noOverlapModel,
    'bad-titles': badTitles,
    'planted-600': planted,
  };
  return made;
}

/** A case with its placeholders filled in. */
export interface ResolvedCase {
  readonly case: BadCase;
  readonly file?: string;
  readonly out: string;
  readonly args: string[];
  /** The whole stderr line a failed run must print. */
  readonly line?: RegExp;
}

export function resolveCase(c: BadCase, manifest: BadManifest): ResolvedCase {
  const out = tempDir();
  const file =
    c.file === undefined
      ? undefined
      : c.file.startsWith('generated:')
        ? generated(c.file.slice(10))
        : fixture(`bad/${c.file}`);
  const fill = (s: string) =>
    s
      .replaceAll('{file}', file ?? '{file}')
      .replaceAll('{out}', out)
      .replaceAll('{fixtures}', fixture('.').replace(/\/\.?$/, ''))
      .replace(/\{fx:([a-z0-9-]+)\}/g, (_, name: string) => {
        const path = madeFixtures()[name];
        assert.ok(path, `unknown fixture {fx:${name}}`);
        return path;
      });
  const argv = c.argv ?? (c.format === undefined ? undefined : manifest.argv[c.format]);
  assert.ok(argv, `${caseName(c)}: no argv and no default for its format`);
  return {
    case: c,
    file,
    out,
    args: argv.map(fill),
    line: c.message === undefined ? undefined : expectedLine(c.message, fill),
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The message rendered by its messages.ts function, as a regular expression for the whole stderr line. */
function expectedLine(message: NonNullable<BadCase['message']>, fill: (s: string) => string): RegExp {
  if (!Array.isArray(message)) return new RegExp(`^netflix-cluster: .*${(message as { pattern: string }).pattern}`);
  const [name, ...args] = message as [keyof typeof messages, ...MessageArg[]];
  const patterns: string[] = [];
  const values = args.map((a) => {
    if (typeof a === 'string') return fill(a);
    if (typeof a === 'object' && !Array.isArray(a)) {
      patterns.push((a as { pattern: string }).pattern);
      return `@@pattern${patterns.length - 1}@@`;
    }
    return a;
  });
  const fn = messages[name] as (...xs: unknown[]) => string;
  assert.equal(typeof fn, 'function', `messages.${name}`);
  const text = fn(...values);
  const source = escape(text).replace(/@@pattern(\d+)@@/g, (_, k: string) => patterns[Number(k)]);
  return new RegExp(`^${escape('netflix-cluster: ')}${source}$`);
}

/** Runs the CLI cases `batches` processes at a time, each process running its share one after another. */
export async function runBatched(cases: readonly ResolvedCase[], batches = 2): Promise<CliRun[]> {
  const shares: number[][] = Array.from({ length: batches }, () => []);
  cases.forEach((_, i) => shares[i % batches].push(i));
  const results = new Array<CliRun>(cases.length);
  await Promise.all(
    shares.map(async (share) => {
      const runs = await runBatch(share.map((i) => cases[i].args));
      share.forEach((i, k) => (results[i] = runs[k]));
    }),
  );
  return results;
}

function runBatch(runs: string[][]): Promise<CliRun[]> {
  const script = join(repoRoot, 'dist', 'test', 'support', 'cli-batch.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`cli-batch exited ${code}`));
      else resolve(JSON.parse(stdout) as CliRun[]);
    });
    child.stdin.end(JSON.stringify({ binPath, runs }));
  });
}

const temps = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.') || f.endsWith('.tmp'));

/**
 * What every run in the corpus must show: the exact exit code and no stack trace; an accepted input (code 0) runs
 * quietly and leaves no temporary file; a failed run prints exactly the one expected line (naming the file, under
 * 600 characters), nothing on stdout, and leaves nothing in its output folder.
 */
export function assertBadRun(r: ResolvedCase, run: CliRun): void {
  const c = r.case;
  assert.equal(run.code, c.code, `exit code; stderr: ${run.stderr.slice(0, 500)}`);
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
  assert.deepEqual(temps(r.out), [], 'no temp files left');
  if (c.code === 0) {
    assert.equal(run.stderr, '', 'an accepted input runs quietly');
    return;
  }
  assert.deepEqual(readdirSync(r.out), [], 'no output file left by a failed run');
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `exactly one line on stderr, got: ${run.stderr.slice(0, 500)}`);
  assert.ok(lines[0].length < 600, 'the line quotes values, not whole lines');
  if (r.file !== undefined) assert.ok(lines[0].includes(r.file), `names the file: ${lines[0]}`);
  assert.ok(r.line, `${caseName(c)}: a failing case names its message`);
  assert.match(lines[0], r.line);
  assert.equal(run.stdout, '', 'nothing on stdout');
}

/** The readers an in-process case may call, by format. */
const readers: Record<string, (path: string) => Promise<unknown>> = {
  // the corpus is Netflix data: its ratings are checked against the Netflix scale, as --rating-range 1..5 does
  pivot: (path) => readPivotRatingsCsv(path, { ratingRange: defaultRatingRange }),
};

/** An in-process case: the format's reader rejects with a UserError of the case's code and exactly its message. */
export async function assertBadRead(r: ResolvedCase): Promise<void> {
  const c = r.case;
  const read = c.format === undefined ? undefined : readers[c.format];
  assert.ok(
    read && r.file !== undefined && r.line,
    `${caseName(c)}: in-process cases need a reader, a file, a message`,
  );
  await assert.rejects(read(r.file), (err: unknown) => {
    assert.ok(err instanceof UserError, String(err));
    assert.equal(err.exitCode, c.code);
    assert.match(`netflix-cluster: ${err.message}`, r.line!);
    return true;
  });
}
