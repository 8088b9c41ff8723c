import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parsePivot, runCli, tempDir } from './helpers.js';

const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

const shape = ['--customers', '120', '--movies', '250', '--density', '0.06', '--seed', '4', '--groups', '3'];

test('generate writes the file atomically; --rows writes the first customers of it, to stdout', async () => {
  const file = join(dir, 'g.csv');
  const [toFile, head] = await Promise.all([
    runCli(['generate', ...shape, '--out', file]),
    runCli(['generate', ...shape, '--rows', '7', '--out', '-']),
  ]);
  for (const r of [toFile, head]) assert.equal(r.code, 0, r.stderr);

  // the summary: one line on stderr, naming the shape
  assert.match(
    toFile.stderr,
    /^[^\n]*g\.csv: 120 customers x 250 movies, \d+ ratings \(density [\d.]+%\), mean rating [\d.]+, [\d.]+ s\n$/,
  );
  assert.equal(toFile.stdout.length, 0);

  const bytes = readFileSync(file);
  const p = parsePivot(bytes.toString('latin1'));
  assert.equal(p.customerIds.length, 120);
  assert.equal(p.movieIds.length, 250);
  assert.deepEqual(readdirSync(dir), ['g.csv'], 'no temporary files left');

  // --rows: the first customers of the same generation; --out - is stdout
  const lines = bytes.toString('latin1').split('\n');
  assert.equal(head.stdout.toString('latin1'), `${lines.slice(0, 8).join('\n')}\n`);
  assert.match(head.stderr, /^stdout: 7 customers x 250 movies/);
});

test('bad options: exit 2, one line quoting the value, nothing written', async () => {
  const badDir = join(dir, 'bad');
  mkdirSync(badDir);
  const out = join(badDir, 'never.csv');
  const bad: [string[], RegExp][] = [
    [['--movies', '17771'], /--movies=17771 must be <= 17770/],
    [['--density', 'lots'], /--density must be a number, got "lots"/],
    [['--customers', '10', '--rows', '11'], /--rows=11 must be <= --customers=10/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
  ];
  // (every kind of bad value is checked in-process in options.test.ts; these go through the real binary)
  const results = await Promise.all(bad.map(([args]) => runCli(['generate', ...args, '--out', out])));
  results.forEach((r, i) => {
    const [args, pattern] = bad[i];
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(
      r.stderr,
      /^netflix-cluster: [^\n]+\n$/,
      `${args.join(' ')}: one line, got ${JSON.stringify(r.stderr)}`,
    );
    assert.match(r.stderr, pattern);
    assert.equal(r.stdout.length, 0);
  });
  assert.deepEqual(readdirSync(badDir), []);
});

test('an output directory that does not exist: exit 74 before any work', async () => {
  const r = await runCli(['generate', ...shape, '--out', join(dir, 'missing', 'x.csv')]);
  assert.equal(r.code, 74);
  assert.match(r.stderr, /^netflix-cluster: [^\n]*x\.csv: cannot write: directory "[^"]*missing" does not exist\n$/);
});
