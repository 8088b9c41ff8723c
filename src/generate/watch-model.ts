import type { Rng } from '../util/random.js';
import type { AliasTable } from './alias.js';

/** The parts of a model that choose which movies a customer rates (all the calibration needs). */
export interface WatchModel {
  readonly nCols: number;
  /** Cumulative group shares (last = 1). */
  readonly groupCdf: Float64Array;
  /** Per group: which movies its customers watch, as alias tables and as weights summing to 1. */
  readonly watch: readonly AliasTable[];
  readonly watchWeights: readonly Float64Array[];
  /** Per group: which movies its heaviest customers skip (inverse watch weights). */
  readonly skip: readonly AliasTable[];
  readonly skipWeights: readonly Float64Array[];
  /** The same for draws outside the group's pull (plain popularity). */
  readonly watchAny: AliasTable;
  readonly watchAnyWeights: Float64Array;
  readonly skipAny: AliasTable;
  readonly skipAnyWeights: Float64Array;
  /** Location of the log-normal number of ratings per customer; ignored when `full`. */
  readonly activityMu: number;
  readonly activitySigma: number;
  /** density = 1: every customer rates every movie. */
  readonly full: boolean;
  readonly affinityFloor: number;
  /** Mean latent score of movie j, whatever the group. */
  readonly quality: Float64Array;
  /** groups x nCols, row-major: tasteScale * taste_gj, scaled by the customer's affinity. */
  readonly taste: Float64Array;
}

/** The latent group of a customer, from one draw of the group stream. */
export function drawGroup(model: Pick<WatchModel, 'groupCdf'>, rng: Rng): number {
  const u = rng.next();
  const cdf = model.groupCdf;
  let g = 0;
  while (g < cdf.length - 1 && u >= cdf[g]) g++;
  return g;
}

/** How many movies a customer rates: capped log-normal, stochastically rounded so the mean is exact. */
export function drawActivity(model: WatchModel, rng: Rng): number {
  const M = model.nCols;
  if (model.full) return M;
  const x = Math.exp(model.activityMu + model.activitySigma * rng.normal());
  return Math.min(M, Math.floor(x + rng.next()));
}

/** How strongly a customer follows the group, in (floor, 1]; most follow it closely, some hardly. */
export function drawAffinity(model: WatchModel, rng: Rng): number {
  return model.affinityFloor + (1 - model.affinityFloor) * Math.sqrt(1 - rng.next());
}
