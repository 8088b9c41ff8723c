import type { Rng } from '../util/random.js';
import { MAX_CUSTOMER_ID } from './netflix-prize.js';

/**
 * Customer ids: a uniform random subset of `count` ids out of 1..max, produced in increasing order one at a time
 * (Vitter's sequential sampling, method A: one uniform per id chosen, then the skip to it by arithmetic), so the
 * first rows cost only the ids passed so far.
 */
export class CustomerIdSampler {
  private readonly rng: Rng;
  private readonly max: number;
  private readonly count: number;
  private candidate = 0;
  private chosen = 0;

  constructor(rng: Rng, count: number, max = MAX_CUSTOMER_ID) {
    if (count > max) throw new RangeError(`cannot choose ${count} customer ids out of ${max}`);
    this.rng = rng;
    this.count = count;
    this.max = max;
  }

  /** The next id; call at most `count` times. */
  next(): number {
    const need = this.count - this.chosen;
    if (need <= 0) throw new RangeError('no customer ids left');
    // P(skip >= s + 1) = prod_{t=0..s} (left - need - t) / (left - t); walk s up until it drops to v or below
    let left = this.max - this.candidate;
    let top = left - need;
    let quot = top / left;
    const v = this.rng.next();
    let skip = 0;
    while (quot > v) {
      skip++;
      top--;
      left--;
      quot = (quot * top) / left;
    }
    this.candidate += skip + 1;
    this.chosen++;
    return this.candidate;
  }
}
