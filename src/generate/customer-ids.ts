import type { Rng } from '../util/random.js';
import { MAX_CUSTOMER_ID } from './options.js';

/**
 * Customer ids: a uniform random subset of `count` ids out of 1..max, produced in increasing order one at a time
 * (Knuth's selection sampling, algorithm S), so the first rows cost only the ids scanned so far.
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
    if (this.chosen >= this.count) throw new RangeError('no customer ids left');
    for (;;) {
      const left = this.max - this.candidate;
      this.candidate++;
      if (left * this.rng.next() < this.count - this.chosen) {
        this.chosen++;
        return this.candidate;
      }
    }
  }
}
