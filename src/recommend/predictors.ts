import type { CsrMatrix } from '../matrix/csr.js';
import { fitBaseline, type Baseline } from '../matrix/baseline.js';
import type { MatrixKind } from '../matrix/transform.js';
import { clusterCustomers, type CustomerClusters } from './cluster-labels.js';
import { clusterResiduals } from './cluster-residuals.js';
import { fitMf, mfPredict, type MfModel } from './mf.js';
import { factorRowModel, linearRowModel, predictRowWith, withClusters, type RowModel } from './row-model.js';

export const predictorNames = ['global', 'movie', 'baseline', 'cluster', 'mf'] as const;
export type PredictorName = (typeof predictorNames)[number];

/** One line per predictor, for --help and the report. */
export const predictorFormulas: Record<PredictorName, string> = {
  global: 'mean of all training ratings',
  movie: "the movie's mean rating",
  baseline: 'mu + b_u + b_i (regularised biases, 10 alternating passes)',
  cluster: "baseline + the customer's cluster's mean residual for the movie, sum / (n + shrink)",
  mf: 'mu + b_u + b_i + p_u . q_i (ALS, weighted-lambda)',
};

/** What every predictor may need from the training ratings, computed once per training set. */
export interface TrainStats {
  readonly mu: number;
  readonly movieMeans: Float64Array;
  /** Training ratings per movie: the support of a recommendation. */
  readonly movieCounts: Float64Array;
  readonly customerCounts: Float64Array;
  readonly baseline: Baseline;
  /** Milliseconds these statistics took (mostly the baseline's passes): part of the fit of baseline and cluster. */
  readonly ms: number;
}

export function trainStats(m: CsrMatrix): TrainStats {
  const t0 = performance.now();
  const { nRows, nCols, rowPtr, colIdx, values } = m;
  const sums = new Float64Array(nCols);
  const movieCounts = new Float64Array(nCols);
  const customerCounts = new Float64Array(nRows);
  let total = 0;
  for (let i = 0; i < nRows; i++) {
    const end = rowPtr[i + 1];
    customerCounts[i] = end - rowPtr[i];
    for (let p = rowPtr[i]; p < end; p++) {
      const v = values === null ? 1 : values[p];
      sums[colIdx[p]] += v;
      movieCounts[colIdx[p]] += 1;
      total += v;
    }
  }
  const n = rowPtr[nRows];
  const mu = n > 0 ? total / n : 0;
  const movieMeans = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) movieMeans[j] = movieCounts[j] > 0 ? sums[j] / movieCounts[j] : mu;
  const baseline = fitBaseline(m);
  return { mu, movieMeans, movieCounts, customerCounts, baseline, ms: performance.now() - t0 };
}

export interface PredictorOptions {
  /** One `cluster` predictor per k. */
  readonly ks: readonly number[];
  readonly matrix: MatrixKind;
  readonly normalize?: boolean;
  readonly embed?: number;
  readonly powerIterations?: number;
  /** lambda of the cluster residual mean. */
  readonly shrink: number;
  readonly maxIter?: number;
  readonly factors: number;
  readonly reg: number;
  readonly epochs: number;
  readonly regFixed?: number;
  readonly seed: number;
  readonly threads: number;
}

/** A fitted predictor: raw (unclamped) predictions for a customer and a movie that both have training ratings. */
export interface FittedPredictor {
  readonly name: PredictorName;
  /** The k of a `cluster` predictor, null for the others. */
  readonly k: number | null;
  predict(row: number, col: number): number;
  /** Every movie's prediction for `row`, into out (length nCols). */
  predictRow(row: number, out: Float64Array): void;
  /** The same predictions as plain shared arrays, for worker threads. */
  readonly rowModel: RowModel;
  /** The k-means fit behind a `cluster` predictor. */
  readonly clusters?: CustomerClusters;
  readonly fitMs: number;
}

/** Where a `cluster` predictor's labels come from: a fit on the training rows, or given (a saved model). */
export type LabelSource = (train: CsrMatrix, k: number) => Promise<CustomerClusters>;

export function kmeansLabels(opts: PredictorOptions): LabelSource {
  return (train, k) =>
    clusterCustomers(train, {
      k,
      matrix: opts.matrix,
      normalize: opts.normalize,
      embed: opts.embed,
      powerIterations: opts.powerIterations,
      seed: opts.seed,
      threads: opts.threads,
      maxIter: opts.maxIter,
    });
}

/** Fits the named predictors, in the order given (each `cluster` once per k), on `train`. */
export async function fitPredictors(
  names: readonly PredictorName[],
  train: CsrMatrix,
  stats: TrainStats,
  opts: PredictorOptions,
  labels: LabelSource = kmeansLabels(opts),
  onFit?: (what: string) => void,
): Promise<FittedPredictor[]> {
  const out: FittedPredictor[] = [];
  for (const name of names) {
    if (name === 'cluster') {
      for (const k of opts.ks) {
        onFit?.(`fit cluster k=${k}`);
        out.push(await fitCluster(train, stats, k, opts.shrink, labels));
      }
      continue;
    }
    onFit?.(`fit ${name}`);
    out.push(await fitOne(name, train, stats, opts));
  }
  return out;
}

async function fitOne(
  name: Exclude<PredictorName, 'cluster'>,
  train: CsrMatrix,
  stats: TrainStats,
  opts: PredictorOptions,
): Promise<FittedPredictor> {
  const { nRows, nCols } = train;
  const t0 = performance.now();
  const rowsOf = (rowModel: RowModel) => (row: number, out: Float64Array) => predictRowWith(rowModel, row, out);
  switch (name) {
    case 'global': {
      const mu = stats.mu;
      const rowModel = linearRowModel(new Float64Array(nRows).fill(mu), new Float64Array(nCols));
      return { name, k: null, fitMs: 0, predict: () => mu, predictRow: rowsOf(rowModel), rowModel };
    }
    case 'movie': {
      const means = stats.movieMeans;
      const rowModel = linearRowModel(new Float64Array(nRows), means);
      return { name, k: null, fitMs: 0, predict: (_row, col) => means[col], predictRow: rowsOf(rowModel), rowModel };
    }
    case 'baseline': {
      const rowModel = baselineRowModel(stats.baseline);
      const { mu, userBias, itemBias } = stats.baseline;
      return {
        name,
        k: null,
        fitMs: stats.ms,
        predict: (row, col) => mu + userBias[row] + itemBias[col],
        predictRow: rowsOf(rowModel),
        rowModel,
      };
    }
    case 'mf': {
      const model = await fitMf(train, {
        factors: opts.factors,
        reg: opts.reg,
        regFixed: opts.regFixed,
        epochs: opts.epochs,
        seed: opts.seed,
        threads: opts.threads,
      });
      const rowModel = factorRowModel(model.mu, model.customerVectors, model.movieVectors, model.factors, nRows, nCols);
      return {
        name,
        k: null,
        fitMs: performance.now() - t0,
        predict: (row, col) => mfPredict(model, row, col),
        predictRow: rowsOf(rowModel),
        rowModel,
      };
    }
  }
}

/** (mu + b_u) per row and b_i per column: the baseline's sum in its own order. */
function baselineRowModel(b: TrainStats['baseline']): RowModel {
  const rowBase = new Float64Array(b.userBias.length);
  for (let i = 0; i < rowBase.length; i++) rowBase[i] = b.mu + b.userBias[i];
  return linearRowModel(rowBase, b.itemBias);
}

async function fitCluster(
  train: CsrMatrix,
  stats: TrainStats,
  k: number,
  shrink: number,
  labels: LabelSource,
): Promise<FittedPredictor> {
  const t0 = performance.now();
  const clusters = await labels(train, k);
  const res = clusterResiduals(train, stats.baseline, clusters.labels, k, shrink);
  const { mu, userBias, itemBias } = stats.baseline;
  const shrunkT = res.shrunkT;
  const lab = clusters.labels;
  const rowModel = withClusters(baselineRowModel(stats.baseline), lab, k, shrunkT);
  return {
    name: 'cluster',
    k,
    clusters,
    fitMs: stats.ms + performance.now() - t0,
    predict: (row, col) => mu + userBias[row] + itemBias[col] + shrunkT[col * k + lab[row]],
    predictRow: (row, out) => predictRowWith(rowModel, row, out),
    rowModel,
  };
}

/** One customer's row by mfPredict, movie by movie (the reference for mfRowPredictor). */
export function mfPredictRow(model: MfModel, row: number, out: Float64Array): void {
  for (let j = 0; j < out.length; j++) out[j] = mfPredict(model, row, j);
}
