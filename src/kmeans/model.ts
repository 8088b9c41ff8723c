import { readFile } from 'node:fs/promises';
import { messages } from '../messages.js';
import type { MatrixKind } from '../matrix/transform.js';
import { matrixKinds } from '../matrix/transform.js';
import { dataError, noInputError } from '../util/errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { KMeansResult } from './fit.js';

export const MODEL_FORMAT = 'netflix-cluster-model';
export const MODEL_VERSION = 1;

/** What `--save-model` writes: enough to assign new customers to the same clusters later. */
export interface KMeansModel {
  readonly format: typeof MODEL_FORMAT;
  readonly version: number;
  readonly matrix: MatrixKind;
  readonly k: number;
  readonly movieIds: number[];
  /** k rows of movieIds.length numbers. */
  readonly centers: number[][];
  readonly inertia: number;
  readonly nIter: number;
  readonly converged: boolean;
  readonly sizes: number[];
  readonly options: Record<string, unknown>;
}

export function buildModel(
  result: KMeansResult,
  movieIds: Int32Array,
  matrix: MatrixKind,
  options: Record<string, unknown>,
): KMeansModel {
  const nCols = movieIds.length;
  const centers = Array.from({ length: result.k }, (_, c) => Array.from(result.centers.subarray(c * nCols, (c + 1) * nCols)));
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    matrix,
    k: result.k,
    movieIds: Array.from(movieIds),
    centers,
    inertia: result.inertia,
    nIter: result.nIter,
    converged: result.converged,
    sizes: result.sizes,
    options,
  };
}

export async function saveModel(path: string, model: KMeansModel): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(model)}\n`);
}

/** Loads and checks a model file; anything that is not one of ours is a one-line data error. */
export async function loadModel(path: string): Promise<KMeansModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw noInputError(messages.inputMissing(path));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    // V8 quotes the text near the fault, newlines and all: the message must stay one line
    throw dataError(messages.modelNotOurs(path, `not JSON: ${(err as Error).message.replace(/\s+/g, ' ')}`));
  }
  const m = raw as Partial<KMeansModel>;
  const bad = (why: string) => dataError(messages.modelNotOurs(path, why));
  if (typeof m !== 'object' || m === null || m.format !== MODEL_FORMAT) throw bad(`no "format": "${MODEL_FORMAT}"`);
  if (m.version !== MODEL_VERSION) throw bad(`version ${String(m.version)}, expected ${MODEL_VERSION}`);
  if (!matrixKinds.includes(m.matrix as MatrixKind)) throw bad(`unknown matrix ${JSON.stringify(m.matrix)}`);
  if (!Array.isArray(m.movieIds) || !m.movieIds.every((v) => Number.isInteger(v))) throw bad('movieIds is not a list of integers');
  if (!Array.isArray(m.centers) || m.centers.length !== m.k || m.k < 1) throw bad('centers do not match k');
  for (const c of m.centers) {
    if (!Array.isArray(c) || c.length !== m.movieIds.length || !c.every((v) => typeof v === 'number')) {
      throw bad('a centre does not have one number per movie');
    }
  }
  return m as KMeansModel;
}
