import type { Rng } from '../util/random.js';
import { chooseMovies } from './choose.js';
import { drawActivity, drawAffinity, drawGroup, type WatchModel } from './watch-model.js';
import { normalCdf } from './stats.js';

/** Ratings the pilot draws: enough that the shares land within a few tenths of a percent. */
const PILOT_RATINGS = 100_000;
const PILOT_MAX_CUSTOMERS = 4_000;
const BINS = 512;

/**
 * Latent-score cut points such that the ratings customers actually give follow `ratingShares`. A pilot of
 * customers drawn like the real ones (group, affinity, activity, movies) says which mean scores
 * (quality + affinity x taste) the rated cells have; a cell's score is that plus normal noise of sd `noiseSd`
 * (customer bias and cell noise). Mean scores are binned, so the bisections cost nothing.
 */
export function calibrateThresholds(
  model: WatchModel,
  rng: Rng,
  noiseSd: number,
  ratingShares: readonly number[],
): Float64Array {
  const M = model.nCols;
  const { quality, taste } = model;
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < M; j++) {
    lo = Math.min(lo, quality[j] - Math.abs(taste[j]));
    hi = Math.max(hi, quality[j] + Math.abs(taste[j]));
  }
  for (let k = 0; k < taste.length; k++) {
    lo = Math.min(lo, quality[k % M] - Math.abs(taste[k]));
    hi = Math.max(hi, quality[k % M] + Math.abs(taste[k]));
  }
  const width = (hi - lo) / BINS || 1;
  const mass = new Float64Array(BINS);
  const marker = new Uint8Array(M);
  const list = new Int32Array(M);
  let drawn = 0;
  for (let customer = 0; drawn < PILOT_RATINGS && customer < PILOT_MAX_CUSTOMERS; customer++) {
    const g = drawGroup(model, rng);
    const affinity = drawAffinity(model, rng);
    const count = drawActivity(model, rng);
    chooseMovies(model, g, affinity, count, rng, marker, list);
    for (let t = 0; t < count; t++) {
      const j = list[t];
      marker[j] = 0;
      const s = quality[j] + affinity * taste[g * M + j];
      mass[Math.min(BINS - 1, Math.max(0, Math.floor((s - lo) / width)))]++;
    }
    drawn += count;
  }
  let total = 0;
  for (const m of mass) total += m;
  if (total === 0) return defaultThresholds(noiseSd, ratingShares);
  const cdfAt = (t: number) => {
    let p = 0;
    for (let k = 0; k < BINS; k++) if (mass[k] > 0) p += mass[k] * normalCdf((t - (lo + (k + 0.5) * width)) / noiseSd);
    return p / total;
  };
  const thresholds = new Float64Array(ratingShares.length - 1);
  let cum = 0;
  for (let r = 0; r < thresholds.length; r++) {
    cum += ratingShares[r];
    let a = lo - 10 * noiseSd;
    let b = hi + 10 * noiseSd;
    for (let i = 0; i < 50; i++) {
      const mid = (a + b) / 2;
      if (cdfAt(mid) < cum) a = mid;
      else b = mid;
    }
    thresholds[r] = (a + b) / 2;
  }
  return thresholds;
}

/** When the pilot rated nothing (tiny densities): thresholds for mean scores of 0. */
function defaultThresholds(noiseSd: number, ratingShares: readonly number[]): Float64Array {
  const t = new Float64Array(ratingShares.length - 1);
  let cum = 0;
  for (let r = 0; r < t.length; r++) {
    cum += ratingShares[r];
    let a = -10 * noiseSd;
    let b = 10 * noiseSd;
    for (let i = 0; i < 50; i++) {
      const mid = (a + b) / 2;
      if (normalCdf(mid / noiseSd) < cum) a = mid;
      else b = mid;
    }
    t[r] = (a + b) / 2;
  }
  return t;
}
