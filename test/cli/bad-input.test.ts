import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { CliRun } from '../helpers.js';
import {
  assertBadRead,
  assertBadRun,
  caseName,
  loadBadManifest,
  resolveCase,
  runBatched,
  type ResolvedCase,
} from '../support/bad-input.js';

/**
 * The bad-input corpus (test/fixtures/bad/manifest.json, see test/support/bad-input.ts): bad files of every input
 * format and bad options of every command. CLI cases go through the built CLI, many to a process; the results are
 * then checked one test a case. In-process cases call the reader directly.
 */
const manifest = loadBadManifest();

test('the corpus covers every input format with at least 30 cases', () => {
  assert.ok(manifest.cases.length >= 30, `${manifest.cases.length} cases`);
  const formats = new Set(manifest.cases.map((c) => c.format));
  for (const f of ['pivot', 'netflix', 'long', 'titles', 'assignments', 'csr', 'model']) assert.ok(formats.has(f), f);
});

describe('bad-input corpus through the CLI', () => {
  const cases = manifest.cases.filter((c) => c.inProcess !== true).map((c) => resolveCase(c, manifest));
  let runs: CliRun[] = [];
  before(async () => {
    runs = await runBatched(cases);
  });
  cases.forEach((r: ResolvedCase, i) => {
    test(`bad input ${caseName(r.case)} -> exit ${r.case.code}`, () => assertBadRun(r, runs[i]));
  });
});

describe('bad-input corpus in process', () => {
  for (const c of manifest.cases.filter((x) => x.inProcess === true)) {
    test(`bad input ${caseName(c)} -> exit ${c.code}`, () => assertBadRead(resolveCase(c, manifest)));
  }
});
