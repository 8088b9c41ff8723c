import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { binPath, fixture, repoRoot, tempDir, type CliRun } from '../helpers.js';

/**
 * The bad-input corpus (test/fixtures/bad/manifest.json): every case runs through the built CLI, as a user would
 * meet it. A case names its file (under test/fixtures/bad/, or `generated:<kind>` for files too big to commit),
 * the command (`{file}`, `{out}` and `{fixtures}` are filled in), the exact exit code, a pattern for the one
 * stderr line and, where the reader knows it, the line number. Cases with code 0 are inputs we decided to accept
 * (mixed CRLF/LF line ends, a UTF-8 BOM): they must run cleanly.
 */
interface BadCase {
  readonly format: string;
  readonly file: string;
  readonly args: readonly string[];
  readonly code: number;
  readonly message?: string;
  readonly line?: number;
}

const cases = JSON.parse(readFileSync(fixture('bad/manifest.json'), 'utf8')) as BadCase[];

/** A 10 MB single line: too big for the repository, cheap to write here. */
function generated(kind: string, dir: string): string {
  const long = (digit: string) => digit.repeat(10_000_000);
  const files: Record<string, [string, string]> = {
    'pivot-10mb-line': ['big-line.csv', `Cust_Id,3,8\n6,${long('4')},\n`],
    'netflix-10mb-line': ['big-line.txt', `1:\n6,5,2005-09-06\n7,${long('5')}\n`],
    'long-10mb-line': ['big-line.csv', `userId,movieId,rating\n6,1,${long('5')}\n`],
  };
  const entry = files[kind];
  assert.ok(entry, `unknown generated case ${kind}`);
  const path = join(dir, entry[0]);
  writeFileSync(path, entry[1]);
  return path;
}

/** runCli, but asynchronous: two cases run at once (one per core), halving the corpus's ~30 s. */
function runCliAsync(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [binPath, ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the corpus covers every input format with at least 30 cases', () => {
  assert.ok(cases.length >= 30, `${cases.length} cases`);
  const formats = new Set(cases.map((c) => c.format));
  for (const f of ['pivot', 'netflix', 'long', 'titles', 'assignments', 'csr', 'model']) assert.ok(formats.has(f), f);
});

describe('bad-input corpus', { concurrency: 2 }, () => {
  for (const c of cases) {
    test(`bad input ${c.format}: ${c.file} -> exit ${c.code}`, async () => {
      const out = tempDir();
      const file = c.file.startsWith('generated:') ? generated(c.file.slice('generated:'.length), tempDir()) : fixture(`bad/${c.file}`);
      const args = c.args.map((a) => a.replaceAll('{file}', file).replaceAll('{out}', out).replaceAll('{fixtures}', fixture('')));
      const r = await runCliAsync(args);
      assert.equal(r.code, c.code, `exit code; stderr: ${r.stderr.slice(0, 500)}`);
      assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
      const left = readdirSync(out);
      assert.deepEqual(left.filter((f) => f.startsWith('.') || f.endsWith('.tmp')), [], 'no temp files left');
      if (c.code === 0) {
        assert.equal(r.stderr, '', 'an accepted input runs quietly');
        return;
      }
      assert.deepEqual(left, [], 'no output file left by a failed run');
      const lines = r.stderr.split('\n').filter((l) => l !== '');
      assert.equal(lines.length, 1, `exactly one line on stderr, got: ${r.stderr.slice(0, 500)}`);
      assert.ok(lines[0].startsWith('netflix-cluster: '), lines[0]);
      assert.ok(lines[0].length < 600, 'the line quotes values, not whole lines');
      assert.ok(lines[0].includes(file), `names the file: ${lines[0]}`);
      if (c.line !== undefined) assert.match(lines[0], new RegExp(`${escape(file)}:${c.line}(:\\d+)?: `), 'names the line');
      if (c.message !== undefined) assert.match(lines[0], new RegExp(c.message));
    });
  }
});
