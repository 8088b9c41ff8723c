import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { generatePivot } from '../../src/generate/index.js';
import { MemorySink, repoRoot } from './helpers.js';

const samplePath = join(repoRoot, 'data', 'sample.csv.gz');

test('data/sample.csv.gz is the first 1,000 customers of the default generation, and small', async () => {
  assert.ok(statSync(samplePath).size < 10 * 1024 * 1024);
  const text = gunzipSync(readFileSync(samplePath));
  const sink = new MemorySink();
  // exactly what `npm run sample` runs: the defaults (the real df_p shape, seed 0) with --rows 1000
  const summary = await generatePivot({ rows: 1000 }, sink);
  assert.equal(summary.customers, 1000);
  assert.equal(summary.movies, 5332);
  assert.ok(
    text.equals(sink.bytes()),
    'the committed sample is reproducible: run `npm run sample` after changing the model',
  );
});
