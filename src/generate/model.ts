import { Rng, sampleIndices, shuffledRange } from '../util/random.js';
import { AliasTable } from './alias.js';
import { calibrateThresholds } from './calibrate.js';
import { MAX_MOVIE_ID } from './netflix-prize.js';
import { resolveGenerateOptions, type GenerateOptions } from './options.js';
import { logNormalLocationForCappedMean, NOISE_TABLE_SD } from './stats.js';
import type { WatchModel, WeightedMovies } from './watch-model.js';

/**
 * The knobs of the synthetic world. Customer i belongs to latent group g with affinity a_i in (affinityFloor, 1].
 * Each of the customer's movies comes, with probability a_i, from the group's watch distribution (Zipf-like popularity
 * times the group's liking for watching the movie) and otherwise from plain popularity; the customer gives it
 *   bias_i + quality_j + a_i * tasteScale * taste_gj + noise,
 * cut into 1..5 at thresholds that reproduce ratingShares. taste_gj mixes a per-genre preference of the group
 * with a per-movie one; what a group watches follows its taste (watchTasteCorrelation). So groups differ both in
 * the ratings and in the has-rated pattern, and customers with a low affinity sit between the groups.
 *
 * The values were tuned so that the full shape looks like df_p (per-customer counts from tens to thousands, the
 * top movie rated by about 70% of customers, the least popular by about 1%, rating shares as below) and so that
 * k-means with k = groups on the ratings or the binary matrix finds much of the groups (adjusted Rand index
 * about 0.5-1 depending on the start) while activity, as in the real data, pulls clusters its own way.
 * data/sample.csv.gz depends on them: change them and run `npm run sample`.
 *
 * Calibrated for the recommenders (issue 13): tasteScale (1 before) sets how much a customer's group taste adds
 * to their and the movie's biases, so it sets what a model of interactions can gain over the biases. With 0.6, on
 * the bundled sample (5-fold, seed 0) baseline/movie RMSE = 0.8820/0.9791 = 0.901 and mf/baseline = 0.8543/0.8820 =
 * 0.969, against 0.900 and 0.968 on MovieLens ml-latest-small (0.8728/0.9693, 0.8447/0.8728). With 1, mf gained
 * 11% over the baseline and the cluster predictor 6%: every method looked better than on real data. The cluster
 * predictor still gains more here (2.3%) than on ml-latest-small (0.1%): the groups are planted. The k-means
 * recovery figures above were measured with tasteScale 1.
 */
export const MODEL_PARAMS = Object.freeze({
  /** Log-normal scale of the number of ratings per customer (heavy right tail). */
  activitySigma: 0.7,
  /** Popularity of the movie of popularity rank r (0-based) is (r + popularityOffset)^-popularityExponent. */
  popularityExponent: 1.1,
  popularityOffset: 100,
  genres: 18,
  /** Share of the variance of a group's taste that comes from its genre preferences. */
  genreShare: 0.5,
  tasteScale: 0.6,
  /** Standard deviation of a group's log-preference for watching a movie. */
  watchScale: 2.5,
  watchTasteCorrelation: 0.5,
  /** Affinity to the group is affinityFloor + (1 - affinityFloor) * sqrt(u), u uniform. */
  affinityFloor: 0.3,
  qualitySd: 0.45,
  /** Popular movies are rated a little higher (quality grows with standardised log popularity). */
  qualityPopularity: 0.25,
  customerBiasSd: 0.5,
  noiseSd: 0.9,
  /** Target shares of the ratings 1..5, roughly the Netflix Prize's. */
  ratingShares: Object.freeze([0.05, 0.1, 0.29, 0.34, 0.23]),
});

export interface PivotModel extends WatchModel {
  readonly options: Required<GenerateOptions>;
  /** Increasing, a random subset of 1..17,770. */
  readonly movieIds: Int32Array;
  /** Latent score cut points between ratings 1|2, 2|3, 3|4, 4|5. */
  readonly thresholds: Float64Array;
  readonly customerBiasSd: number;
  readonly noiseSd: number;
}

/** The streams every consumer of a model takes its randomness from, forked from the seed in a fixed order. */
export interface ModelStreams {
  readonly groups: Rng;
  readonly customerIds: Rng;
  readonly rows: Rng;
}

export function modelStreams(seed: number): ModelStreams {
  const master = new Rng(seed);
  master.fork(); // the model's own stream (buildModel)
  return { groups: master.fork(), customerIds: master.fork(), rows: master.fork() };
}

/** Everything that does not depend on the customer: a pure function of the options. */
export function buildModel(partial: Partial<GenerateOptions> = {}): PivotModel {
  const options = resolveGenerateOptions(partial);
  const P = MODEL_PARAMS;
  const M = options.movies;
  const G = options.groups;
  const rng = new Rng(options.seed).fork();

  const movieIds = sampleIndices(rng, MAX_MOVIE_ID, M).map((i) => i + 1);

  // popularity rank is unrelated to the id (ids are alphabetical-ish in the real data)
  const rank = shuffledRange(rng, M);
  const logPop = new Float64Array(M);
  for (let j = 0; j < M; j++) logPop[j] = -P.popularityExponent * Math.log(rank[j] + P.popularityOffset);
  const popZ = standardised(logPop);
  const quality = new Float64Array(M);
  for (let j = 0; j < M; j++) quality[j] = P.qualityPopularity * popZ[j] + P.qualitySd * rng.normal();

  const genre = new Int32Array(M);
  for (let j = 0; j < M; j++) genre[j] = rng.int(P.genres);

  const shares = new Float64Array(G);
  for (let g = 0; g < G; g++) shares[g] = 0.5 + rng.next();
  const groupCdf = cumulativeShares(shares);

  const taste = new Float64Array(G * M);
  const a = Math.sqrt(P.genreShare);
  const b = Math.sqrt(1 - P.genreShare);
  const rho = P.watchTasteCorrelation;
  const rhoC = Math.sqrt(1 - rho * rho);
  const watchWeights: Float64Array[] = [];
  const skipWeights: Float64Array[] = [];
  for (let g = 0; g < G; g++) {
    const genreLike = Array.from({ length: P.genres }, () => rng.normal());
    const w = new Float64Array(M);
    for (let j = 0; j < M; j++) {
      const t = a * genreLike[genre[j]] + b * rng.normal();
      taste[g * M + j] = P.tasteScale * t;
      const watchLike = rho * t + rhoC * rng.normal();
      w[j] = logPop[j] + P.watchScale * watchLike;
    }
    watchWeights.push(expRelative(w, 1));
    skipWeights.push(expRelative(w, -1));
  }

  const full = options.density >= 1;
  const watchAnyWeights = expRelative(logPop, 1);
  const skipAnyWeights = expRelative(logPop, -1);
  const watchModel: WatchModel = {
    nCols: M,
    groupCdf,
    watch: watchWeights.map(weighted),
    skip: skipWeights.map(weighted),
    watchAny: weighted(watchAnyWeights),
    skipAny: weighted(skipAnyWeights),
    activityMu: full ? 0 : logNormalLocationForCappedMean(options.density * M, P.activitySigma, M),
    activitySigma: P.activitySigma,
    full,
    affinityFloor: P.affinityFloor,
    quality,
    taste,
  };
  const cellNoiseSd = Math.sqrt(P.customerBiasSd ** 2 + (P.noiseSd * NOISE_TABLE_SD) ** 2);
  const thresholds = calibrateThresholds(watchModel, rng.fork(), cellNoiseSd, P.ratingShares);
  return { ...watchModel, options, movieIds, thresholds, customerBiasSd: P.customerBiasSd, noiseSd: P.noiseSd };
}

function weighted(weights: Float64Array): WeightedMovies {
  return { table: new AliasTable(weights), weights };
}

/** exp(sign * x) elementwise, scaled to sum to 1 (computed without overflow). */
function expRelative(x: Float64Array, sign: 1 | -1): Float64Array {
  let ref = sign * x[0];
  for (const v of x) ref = Math.max(ref, sign * v);
  const w = x.map((v) => Math.exp(sign * v - ref));
  let total = 0;
  for (const v of w) total += v;
  for (let j = 0; j < w.length; j++) w[j] /= total;
  return w;
}

function standardised(x: Float64Array): Float64Array {
  const n = x.length;
  let mean = 0;
  for (const v of x) mean += v / n;
  let variance = 0;
  for (const v of x) variance += (v - mean) ** 2 / n;
  const sd = Math.sqrt(variance) || 1;
  return x.map((v) => (v - mean) / sd);
}

function cumulativeShares(shares: Float64Array): Float64Array {
  let total = 0;
  for (const s of shares) total += s;
  const cdf = new Float64Array(shares.length);
  let acc = 0;
  for (let g = 0; g < shares.length; g++) {
    acc += shares[g] / total;
    cdf[g] = acc;
  }
  cdf[shares.length - 1] = 1;
  return cdf;
}
