import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, MODEL_VERSION } from '../../src/kmeans/model.js';
import { messages } from '../../src/messages.js';
import { UserError } from '../../src/util/errors.js';
import { tempDir } from '../helpers.js';

const dir = tempDir();
const base = {
  format: 'netflix-cluster-model',
  k: 1,
  movieIds: [1, 2, 3],
  inertia: 0,
  nIter: 1,
  converged: true,
  sizes: [1],
  options: {},
};
const embedded = {
  ...base,
  version: MODEL_VERSION,
  matrix: 'residual',
  centers: [[0.5, 0.5]],
  representation: {
    matrix: 'residual',
    normalize: true,
    baseline: { mu: 3.5, itemBias: [0.1, -0.2, 0], regUser: 15, regItem: 10, passes: 10 },
    embedding: {
      dims: 2,
      seed: 0,
      powerIterations: 4,
      oversample: 5,
      singularValues: [2, 1],
      explainedShare: 0.9,
      basis: [1, 0, 0, 1, 0, 0],
    },
  },
};

function save(name: string, model: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(model));
  return path;
}

async function rejects(path: string, why: string): Promise<void> {
  await assert.rejects(
    loadModel(path),
    (err: unknown) => err instanceof UserError && err.message === messages.modelNotOurs(path, why),
  );
}

test('loadModel: a version 2 residual/embedded model loads with centres of embedding.dims numbers; version 1 still loads', async () => {
  const m = await loadModel(save('ok.json', embedded));
  assert.equal(m.representation!.embedding!.dims, 2);
  const v1 = await loadModel(save('v1.json', { ...base, version: 1, matrix: 'ratings', centers: [[1, 2, 3]] }));
  assert.deepEqual(v1.representation, { matrix: 'ratings', normalize: false, baseline: null, embedding: null });
});

test('loadModel: a wrong basis, missing biases or centres of the wrong width are data errors', async () => {
  const rep = embedded.representation;
  await rejects(
    save('basis.json', { ...embedded, representation: { ...rep, embedding: { ...rep.embedding, basis: [1, 0] } } }),
    'the SVD basis does not have 3 x 2 numbers',
  );
  await rejects(
    save('bias.json', { ...embedded, representation: { ...rep, baseline: null } }),
    'a residual model has no baseline',
  );
  await rejects(
    save('width.json', { ...embedded, centers: [[1, 2, 3]] }),
    'a centre does not have 2 numbers (--embed 2)',
  );
});
