import { type Rng, sampleIndices, shuffledRange } from '../util/random.js';
import { netflixPrize } from './netflix-prize.js';

/** Ratings as three parallel arrays, grouped by movie (movies ascending), as the raw files store them. */
export interface RawRatingArrays {
  readonly movie: Int32Array;
  readonly customer: Int32Array;
  readonly rating: Uint8Array;
}

export interface NetflixLikeOptions {
  /** How many ratings (default 1,000,000). The result has exactly this many unless every movie hits its cap. */
  readonly ratings?: number;
  /** Movie ids are 1..movies (default 17,770 as in the Prize data). */
  readonly movies?: number;
  /** Distinct customers (default 480,189), drawn from 1..maxCustomerId with gaps (default 2,649,429). */
  readonly customers?: number;
  readonly maxCustomerId?: number;
}

/**
 * Netflix-like test data from a seeded generator: Zipf-like movie popularity (a few blockbusters, a long tail),
 * heavy-tailed customer activity (lognormal), ratings around 3.6 with more 4s than 2s (movie quality + customer
 * generosity + noise), and no customer rating the same movie twice, as in the real files. Simple on purpose:
 * the point is realistic counts for the trim and realistic sparsity, not realistic tastes.
 */
export function syntheticNetflixRatings(rng: Rng, options: NetflixLikeOptions = {}): RawRatingArrays {
  const nMovies = options.movies ?? netflixPrize.maxMovieId;
  const maxCustomerId = options.maxCustomerId ?? netflixPrize.maxCustomerId;
  const nCustomers = Math.min(options.customers ?? netflixPrize.customers, maxCustomerId);
  const total = options.ratings ?? 1_000_000;

  const customerIds = sampleIndices(rng, maxCustomerId, nCustomers);
  for (let i = 0; i < nCustomers; i++) customerIds[i]++;
  const activity = new Float64Array(nCustomers);
  const generosity = new Float32Array(nCustomers);
  for (let i = 0; i < nCustomers; i++) {
    activity[i] = Math.exp(1.2 * rng.normal());
    generosity[i] = 0.35 * rng.normal();
  }
  const alias = new AliasTable(activity);
  const counts = movieCounts(rng, nMovies, total, Math.floor(nCustomers / 2));

  const movie = new Int32Array(total);
  const customer = new Int32Array(total);
  const rating = new Uint8Array(total);
  // stamp[c] === m: customer c already rated movie m (so a redraw, not a duplicate pair)
  const stamp = new Int32Array(nCustomers).fill(-1);
  let n = 0;
  for (let m = 0; m < nMovies; m++) {
    const quality = 0.45 * rng.normal();
    const want = counts[m];
    let got = 0;
    for (let tries = 0; got < want && tries < 50 * want; tries++) {
      const c = alias.draw(rng);
      if (stamp[c] === m) continue;
      stamp[c] = m;
      const x = 3.6 + quality + generosity[c] + 0.95 * roughNormal(rng.nextUint32());
      movie[n] = m + 1;
      customer[n] = customerIds[c];
      rating[n] = x < 1.5 ? 1 : x >= 4.5 ? 5 : Math.round(x);
      n++;
      got++;
    }
  }
  return n === total
    ? { movie, customer, rating }
    : { movie: movie.slice(0, n), customer: customer.slice(0, n), rating: rating.slice(0, n) };
}

/**
 * A roughly standard normal from the four bytes of one random word (Irwin-Hall: their sum, centred and scaled to unit
 * variance). Four times cheaper than Box-Muller here, and the noise of a test rating needs no tails past 3.5.
 */
function roughNormal(u: number): number {
  const sum = (u & 255) + ((u >>> 8) & 255) + ((u >>> 16) & 255) + (u >>> 24);
  return (sum - 510) / 147.8;
}

/**
 * Ratings per movie: Zipf-Mandelbrot weights 1 / (rank + 30)^1.1 over a random order of the movies, scaled to
 * `total`, at least 1 and at most `cap` each; the rounding remainder goes to the most popular movies.
 */
export function movieCounts(rng: Rng, nMovies: number, total: number, cap: number): Float64Array {
  const rank = shuffledRange(rng, nMovies);
  const weight = new Float64Array(nMovies);
  let sum = 0;
  for (let m = 0; m < nMovies; m++) sum += weight[m] = 1 / Math.pow(rank[m] + 30, 1.1);
  const counts = new Float64Array(nMovies);
  let assigned = 0;
  for (let m = 0; m < nMovies; m++) {
    counts[m] = Math.min(cap, Math.max(1, Math.floor((total * weight[m]) / sum)));
    assigned += counts[m];
  }
  // byRank[r] is the movie of rank r: hand out (or take back) the remainder from the most popular down
  const byRank = new Int32Array(nMovies);
  for (let m = 0; m < nMovies; m++) byRank[rank[m]] = m;
  for (let pass = 0; assigned !== total && pass < 1000; pass++) {
    let changed = false;
    for (let r = 0; r < nMovies && assigned !== total; r++) {
      const m = byRank[assigned < total ? r : nMovies - 1 - r];
      if (assigned < total && counts[m] < cap) {
        counts[m]++;
        assigned++;
        changed = true;
      } else if (assigned > total && counts[m] > 1) {
        counts[m]--;
        assigned--;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return counts;
}

/** Walker's alias method: O(1) draws from a fixed discrete distribution. */
export class AliasTable {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: Float64Array) {
    const n = weights.length;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += weights[i];
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = Float64Array.from(weights, (w) => (w * n) / sum);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) (scaled[i] < 1 ? small : large).push(i);
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large[large.length - 1];
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] -= 1 - scaled[s];
      if (scaled[l] < 1) small.push(large.pop()!);
    }
    for (const i of large) this.prob[i] = 1;
    for (const i of small) this.prob[i] = 1;
  }

  draw(rng: Rng): number {
    // 32 random bits pick the slot and, with what is left, the coin: plenty for test data
    const u = rng.nextUint32() * (this.prob.length / 4294967296);
    const i = Math.floor(u);
    return u - i < this.prob[i] ? i : this.alias[i];
  }
}
