import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CsrMatrix } from '../../src/matrix/csr.js';
import { pivotCsv, plantedMatrix, runCli, tempDir } from '../helpers.js';

/** A planted pivot, a model fitted on it, and hand-written model files that are wrong in one way each. */
export interface RecommendFixtures {
  dir: string;
  matrix: CsrMatrix;
  data: string;
  model: string;
  fitAssignments: string;
  noOverlapModel: string;
  unknownKindModel: string;
  notOursModel: string;
}

export function makeRecommendFixtures(): RecommendFixtures {
  const dir = tempDir();
  const matrix = plantedMatrix(300, 50, 0.2, 3, 1);
  const data = join(dir, 'planted.csv');
  writeFileSync(data, pivotCsv(matrix));
  const model = join(dir, 'model.json');
  const fit = runCli(['fit', '--input', data, '--k', '3', '--seed', '1', '--save-model', model, '--quiet']);
  if (fit.code !== 0) throw new Error(`fit failed: ${fit.stderr}`);
  const base = {
    format: 'netflix-cluster-model',
    version: 1,
    k: 1,
    inertia: 0,
    nIter: 1,
    converged: true,
    sizes: [1],
    options: {},
  };
  const noOverlapModel = join(dir, 'other-movies.json');
  writeFileSync(
    noOverlapModel,
    JSON.stringify({ ...base, matrix: 'ratings', movieIds: [9001, 9002], centers: [[1, 2]] }),
  );
  const unknownKindModel = join(dir, 'dense-kind.json');
  writeFileSync(unknownKindModel, JSON.stringify({ ...base, matrix: 'dense', movieIds: [1, 2], centers: [[1, 2]] }));
  const notOursModel = join(dir, 'not-ours.json');
  writeFileSync(notOursModel, '{"hello": "world"}\n');
  return { dir, matrix, data, model, fitAssignments: fit.stdout, noOverlapModel, unknownKindModel, notOursModel };
}

/** Cust_Id of row i in pivotCsv's files. */
export const customerIdOf = (row: number) => 10 * (row + 1);

/** Movie ids (1-based, as pivotCsv writes them) the customer of `row` rated. */
export function ratedMovies(m: CsrMatrix, row: number): Set<number> {
  const out = new Set<number>();
  for (let p = m.rowPtr[row]; p < m.rowPtr[row + 1]; p++) out.add(m.colIdx[p] + 1);
  return out;
}
