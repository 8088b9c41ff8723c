import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { binPath, repoRoot, tempDir } from '../helpers.js';

/**
 * The README's examples, run from the README's own text: every command of a ```sh block, in order, must exit 0;
 * every `$ command` of a ```text block is run too and every line shown under it must be in its output (timings
 * aside). They run as written, through `sh`, with `netflix-cluster` on the PATH (as `npm link` puts it) in a
 * scratch folder that sees the repository's data/ and test/ folders, so their outputs land there.
 */

/**
 * The real MovieLens small set, when this machine has it (never in the repository): the README's examples on it
 * run then, and are skipped by a listed rule when it is absent.
 */
const movieLens = process.env.MOVIELENS_SMALL ?? '/work/shared/data/ml-latest-small';
const haveMovieLens = existsSync(join(movieLens, 'ratings.csv'));

/** Commands the test does not run, each for a stated reason; the list of skipped commands is asserted too. */
const skipRules: ReadonlyArray<{ readonly rule: RegExp; readonly why: string }> = [
  { rule: /^npm /, why: 'npm itself: install, link and test are what this test runs under' },
  { rule: /^netflix-cluster generate --out /, why: 'the full shape: about 1 GB and a minute of CPU' },
  {
    rule: /--input (ml-latest-small|ml-100k|ml-1m|netflix-prize)\//,
    why: 'MovieLens and Netflix Prize downloads, which the repository may not hold; test/cli/own-data.test.ts and test/io/long/ read the same layouts from hand-made fixtures',
  },
  {
    rule: /^netflix-cluster heatmap /,
    why: 'two seconds of CPU drawing what fit --heatmaps (run here) has drawn; test/cli/heatmap.test.ts runs and decodes it',
  },
  {
    rule: /ml-100k\/|ml-1m\/|netflix-prize\/|ratings\.csv\.gz/,
    why: "the user's own downloads (MovieLens 100k/1M, the Netflix Prize files), not in the repository",
  },
  ...(haveMovieLens
    ? []
    : [{ rule: /ml-latest-small\//, why: `MovieLens small is not on this machine (${movieLens})` }]),
];
/** In README order. */
const expectedSkips = [
  'npm install',
  'npm link',
  'netflix-cluster heatmap --assignments assignments.csv --out heatmaps/',
  'netflix-cluster generate --out df_p.csv',
  'netflix-cluster fit --input ml-latest-small/ratings.csv --titles ml-latest-small/movies.csv --k 5 --save-model ml-model.json --out ml-clusters.csv',
  'netflix-cluster recommend --model ml-model.json --input ml-latest-small/ratings.csv --customer 1 --titles ml-latest-small/movies.csv --top 5 --min-support 10',
  'netflix-cluster fit --input ml-100k/u1.base --titles ml-100k/u.item --k 5 --out ml-100k-clusters.csv',
  'netflix-cluster fit --input ml-1m/ratings.dat --titles ml-1m/movies.dat --k 5 --out ml-1m-clusters.csv',
  'netflix-cluster fit --input netflix-prize/ --titles netflix-prize/movie_titles.csv --k 5 --out netflix-clusters.csv',
];

interface Step {
  readonly command: string;
  /** Lines the README shows as its output (text blocks only). */
  readonly shown: readonly string[] | null;
}

function readmeSteps(): Step[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const steps: Step[] = [];
  for (const m of readme.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const [, lang, body] = m;
    // a line ending in a backslash goes on on the next one, as in the shell
    const lines = body
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .filter((l) => l.trim() !== '');
    if (lang === 'sh') {
      // a trailing `# comment` explains the command; `npx netflix-cluster` is the same binary as the linked one
      for (const line of lines)
        steps.push({
          command: line
            .replace(/\s+#\s.*$/, '')
            .replace(/^npx /, '')
            .trim(),
          shown: null,
        });
    } else if (lang === 'text' && lines[0]?.startsWith('$ ')) {
      let current: { command: string; shown: string[] } | null = null;
      for (const line of lines) {
        if (line.startsWith('$ ')) {
          if (current) steps.push(current);
          current = { command: line.slice(2), shown: [] };
        } else current!.shown.push(line);
      }
      if (current) steps.push(current);
    }
  }
  return steps;
}

const untimed = (line: string) => line.replace(/\d+\.\d\d s\b/g, 'T s').trimEnd();

test('README: the fenced sh commands and the shown outputs that use the bundled sample run as written', () => {
  const steps = readmeSteps();
  const skipped = steps.filter((s) => skipRules.some((r) => r.rule.test(s.command))).map((s) => s.command);
  assert.deepEqual(skipped, expectedSkips, 'the skipped commands are exactly the listed ones');
  const run = steps.filter((s) => !skipped.includes(s.command));
  assert.ok(run.length >= 15, `only ${run.length} commands to run`);

  const cwd = tempDir();
  for (const dir of ['data', 'test']) symlinkSync(join(repoRoot, dir), join(cwd, dir));
  if (haveMovieLens) symlinkSync(movieLens, join(cwd, 'ml-latest-small'));
  const bin = join(cwd, '.bin');
  mkdirSync(bin);
  symlinkSync(binPath, join(bin, 'netflix-cluster'));
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };

  for (const step of run) {
    assert.match(
      step.command,
      /^netflix-cluster /,
      `not a netflix-cluster command and no skip rule for it: ${step.command}`,
    );
    const r = spawnSync('sh', ['-c', step.command], { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (step.shown === null) {
      assert.equal(r.status, 0, `${step.command}\n${r.stderr}`);
      continue;
    }
    const actual = new Set([...r.stdout.split('\n'), ...r.stderr.split('\n')].map(untimed));
    for (const line of step.shown) {
      if (line.trim() === '...') continue;
      assert.ok(
        actual.has(untimed(line)),
        `${step.command}: the README shows\n  ${line}\nbut the run printed\n${r.stdout}${r.stderr}`,
      );
    }
  }
});
