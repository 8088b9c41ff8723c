import { readFile } from 'node:fs/promises';
import { messages } from '../messages.js';
import type { MatrixKind } from '../matrix/transform.js';
import { matrixKinds } from '../matrix/transform.js';
import type { FittedRepresentation } from '../matrix/representation.js';
import { dataError, noInputError } from '../util/errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { KMeansResult } from './fit.js';

export const MODEL_FORMAT = 'netflix-cluster-model';
/** Version 2 added `representation` (residual biases, SVD basis, normalize); version 1 files still load. */
export const MODEL_VERSION = 2;
const READABLE_VERSIONS = [1, 2];

/** What `--save-model` writes: enough to assign new customers to the same clusters later. */
export interface KMeansModel {
  readonly format: typeof MODEL_FORMAT;
  readonly version: number;
  readonly matrix: MatrixKind;
  readonly k: number;
  readonly movieIds: number[];
  /**
   * How customers become points (absent in version 1: the plain `matrix`). With an embedding the points, and so
   * the centres, have embedding.dims coordinates instead of one per movie.
   */
  readonly representation?: FittedRepresentation;
  /** k rows of one number per point coordinate (movieIds.length, or the embedding's dims). */
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
  representation: FittedRepresentation = { matrix, normalize: false, baseline: null, embedding: null },
): KMeansModel {
  const nCols = result.centers.length / result.k;
  const centers = Array.from({ length: result.k }, (_, c) =>
    Array.from(result.centers.subarray(c * nCols, (c + 1) * nCols)),
  );
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    matrix,
    k: result.k,
    movieIds: Array.from(movieIds),
    representation,
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
  if (!READABLE_VERSIONS.includes(m.version as number))
    throw bad(`version ${String(m.version)}, expected ${READABLE_VERSIONS.join(' or ')}`);
  if (!matrixKinds.includes(m.matrix as MatrixKind)) throw bad(`unknown matrix ${JSON.stringify(m.matrix)}`);
  if (!Array.isArray(m.movieIds) || !m.movieIds.every((v) => Number.isInteger(v)))
    throw bad('movieIds is not a list of integers');
  if (!Array.isArray(m.centers) || m.centers.length !== m.k || m.k < 1) throw bad('centers do not match k');
  const representation = m.representation ?? {
    matrix: m.matrix as MatrixKind,
    normalize: false,
    baseline: null,
    embedding: null,
  };
  const why = representationProblem(representation, m.matrix as MatrixKind, m.movieIds.length);
  if (why !== null) throw bad(why);
  const width = representation.embedding?.dims ?? m.movieIds.length;
  for (const c of m.centers) {
    if (!Array.isArray(c) || c.length !== width || !c.every((v) => typeof v === 'number')) {
      throw bad(
        representation.embedding
          ? `a centre does not have ${width} numbers (--embed ${width})`
          : 'a centre does not have one number per movie',
      );
    }
  }
  return { ...(m as KMeansModel), representation };
}

const isNumbers = (a: unknown, length: number) =>
  Array.isArray(a) && a.length === length && a.every((v) => typeof v === 'number' && Number.isFinite(v));

/** What is wrong with a model's representation, or null. */
function representationProblem(r: FittedRepresentation, matrix: MatrixKind, nMovies: number): string | null {
  if (typeof r !== 'object' || r === null) return 'representation is not an object';
  if (r.matrix !== matrix)
    return `representation.matrix ${JSON.stringify(r.matrix)} is not matrix ${JSON.stringify(matrix)}`;
  if (typeof r.normalize !== 'boolean') return 'representation.normalize is not true or false';
  if (matrix === 'residual') {
    const b = r.baseline;
    if (b === null || typeof b !== 'object') return 'a residual model has no baseline';
    if (!Number.isFinite(b.mu) || !(b.regUser >= 0) || !isNumbers(b.itemBias, nMovies))
      return 'the baseline does not have mu, regUser and one bias per movie';
  }
  const e = r.embedding;
  if (e !== null) {
    if (typeof e !== 'object' || !Number.isInteger(e.dims) || e.dims < 1) return 'representation.embedding has no dims';
    if (!isNumbers(e.basis, nMovies * e.dims)) return `the SVD basis does not have ${nMovies} x ${e.dims} numbers`;
  }
  return null;
}
