import type { CsrMatrix } from '../matrix/csr.js';
import type { MatrixKind } from '../matrix/transform.js';
import { buildRepresentation } from '../matrix/representation.js';
import { fitKMeans } from '../kmeans/fit.js';

/** How the customers are grouped for the `cluster` predictor. */
export interface ClusteringOptions {
  readonly k: number;
  readonly matrix: MatrixKind;
  readonly seed: number;
  readonly threads: number;
  readonly maxIter?: number;
  /** The representation's other steps (see src/matrix/representation.ts); absent: off / the SVD's default. */
  readonly normalize?: boolean;
  readonly embed?: number;
  readonly powerIterations?: number;
}

export interface CustomerClusters {
  readonly k: number;
  /** Cluster of each training row. */
  readonly labels: Int32Array;
  readonly nIter: number;
  readonly converged: boolean;
  readonly inertia: number;
  readonly sizes: number[];
}

/**
 * The one place the `cluster` predictor gets its customers' labels from: k-means on the representation the options
 * name. Swapping the representation (a residual matrix, an embedding) means changing this function only.
 */
export async function clusterCustomers(train: CsrMatrix, opts: ClusteringOptions): Promise<CustomerClusters> {
  // the same points fit clusters: matrix kind -> embedding -> unit length, fitted on the training ratings only
  const { points: seen } = await buildRepresentation(train, {
    matrix: opts.matrix,
    normalize: opts.normalize ?? false,
    embed: opts.embed ?? 0,
    ...(opts.powerIterations === undefined ? {} : { powerIterations: opts.powerIterations }),
    seed: opts.seed,
    threads: opts.threads,
  });
  const result = await fitKMeans(seen, {
    k: opts.k,
    seed: opts.seed,
    threads: opts.threads,
    ...(opts.maxIter ? { maxIter: opts.maxIter } : {}),
  });
  return {
    k: opts.k,
    labels: result.labels,
    nIter: result.nIter,
    converged: result.converged,
    inertia: result.inertia,
    sizes: result.sizes,
  };
}
