import type { Rng } from '../util/random.js';
import { chooseMovies } from './choose.js';
import { CustomerIdSampler } from './customer-ids.js';
import { modelStreams, type PivotModel } from './model.js';
import { drawActivity, drawAffinity, drawGroup } from './watch-model.js';
import { NOISE_BITS, NOISE_TABLE } from './stats.js';

/** One generated customer; the ratings themselves are in RowGenerator.values. */
export interface GeneratedRow {
  readonly customerId: number;
  readonly group: number;
  /** How strongly the customer follows the group, in (affinityFloor, 1]. */
  readonly affinity: number;
  /** Ratings in the row. */
  readonly count: number;
}

/**
 * Produces the customers of a model in order. After `next()`, `values[j]` holds the rating (1..5) the customer
 * gave movie column j, or 0, and `touched[0..count)` lists the rated columns (unsorted). A row costs about its
 * number of ratings; only writing it out needs all the columns.
 */
export class RowGenerator {
  readonly values: Uint8Array;
  readonly touched: Int32Array;
  touchedCount = 0;
  /** Ratings so far by value: histogram[v] for v = 1..5. */
  readonly histogram = new Float64Array(6);

  private readonly model: PivotModel;
  private readonly groupRng: Rng;
  private readonly rowRng: Rng;
  private readonly ids: CustomerIdSampler;

  constructor(model: PivotModel) {
    this.model = model;
    const streams = modelStreams(model.options.seed);
    this.groupRng = streams.groups;
    this.rowRng = streams.rows;
    this.ids = new CustomerIdSampler(streams.customerIds, model.options.customers);
    this.values = new Uint8Array(model.nCols);
    this.touched = new Int32Array(model.nCols);
  }

  next(): GeneratedRow {
    const { model, values, touched, rowRng: rng } = this;
    const M = model.nCols;
    for (let t = 0; t < this.touchedCount; t++) values[touched[t]] = 0;

    const customerId = this.ids.next();
    const group = drawGroup(model, this.groupRng);
    const affinity = drawAffinity(model, rng);
    const count = drawActivity(model, rng);
    const bias = model.customerBiasSd * rng.normal();
    chooseMovies(model, group, affinity, count, rng, values, touched);
    this.touchedCount = count;

    const quality = model.quality;
    const taste = model.taste.subarray(group * M, (group + 1) * M);
    const th = model.thresholds;
    const t0 = th[0] - bias;
    const t1 = th[1] - bias;
    const t2 = th[2] - bias;
    const t3 = th[3] - bias;
    const noiseSd = model.noiseSd;
    const shift = 32 - NOISE_BITS;
    const hist = this.histogram;
    for (let t = 0; t < count; t++) {
      const j = touched[t];
      const s = quality[j] + affinity * taste[j] + noiseSd * NOISE_TABLE[rng.nextUint32() >>> shift];
      const r = 1 + (s > t0 ? 1 : 0) + (s > t1 ? 1 : 0) + (s > t2 ? 1 : 0) + (s > t3 ? 1 : 0);
      values[j] = r;
      hist[r]++;
    }
    return { customerId, group, affinity, count };
  }
}
