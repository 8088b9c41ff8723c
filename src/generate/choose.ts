import type { Rng } from '../util/random.js';
import type { WatchModel, WeightedMovies } from './watch-model.js';

const TWO_32 = 4294967296;

/** Where a draw comes from: the group's distribution (`own`) with probability affinity, else `any`. */
interface Pull {
  readonly own: WeightedMovies;
  readonly any: WeightedMovies;
  readonly affinity: number;
}

/** What a draw does: columns whose marker is `from` are eligible; a drawn one gets `to` and goes to `list`. */
interface Marking {
  readonly marker: Uint8Array;
  readonly from: number;
  readonly to: number;
  readonly list: Int32Array | null;
}

/**
 * Picks the `count` movies a customer rates, by weight and without replacement: each draw comes from the
 * group's distribution with probability `affinity`, else from plain popularity. On return marker[j] = 1 for
 * exactly the chosen columns (marker must be all 0 before) and list[0..count) holds them, unsorted.
 *
 * Alias draws with repeats rejected cost about `count` draws; when the weight left is small and rejections pile
 * up, the rest is drawn exactly in one pass (exponential keys, Efraimidis-Spirakis). Customers who rate more than
 * half the movies draw the movies they skip instead, by inverse weight.
 */
export function chooseMovies(
  model: WatchModel,
  group: number,
  affinity: number,
  count: number,
  rng: Rng,
  marker: Uint8Array,
  list: Int32Array,
): void {
  const M = model.nCols;
  if (count * 2 <= M) {
    const watch = { own: model.watch[group], any: model.watchAny, affinity };
    const n = drawDistinct(watch, count, rng, { marker, from: 0, to: 1, list });
    if (n !== count) throw new Error(`chooseMovies: drew ${n} of ${count}`);
    return;
  }
  marker.fill(1, 0, M);
  const skip = { own: model.skip[group], any: model.skipAny, affinity };
  drawDistinct(skip, M - count, rng, { marker, from: 1, to: 0, list: null });
  let n = 0;
  for (let j = 0; j < M; j++) if (marker[j] !== 0) list[n++] = j;
  if (n !== count) throw new Error(`chooseMovies: kept ${n} of ${count}`);
}

/** Draws `need` distinct eligible columns and marks them (see Marking). Returns how many were drawn. */
function drawDistinct(pull: Pull, need: number, rng: Rng, marking: Marking): number {
  const own = pull.own.table;
  const any = pull.any.table;
  const { marker, from, to, list } = marking;
  const cut = pull.affinity * TWO_32;
  const budget = 8 * need + 256;
  const scale = own.n / TWO_32;
  const ownProb = own.prob;
  const ownAlias = own.alias;
  const anyProb = any.prob;
  const anyAlias = any.alias;
  let n = 0;
  for (let draws = 0; n < need && draws < budget; draws++) {
    // the alias draw, inlined: the uint32 picks the slot, its fractional part tosses the slot's coin
    const fromOwn = rng.nextUint32() < cut;
    const x = rng.nextUint32() * scale;
    const i = x | 0;
    const j = fromOwn ? (x - i < ownProb[i] ? i : ownAlias[i]) : x - i < anyProb[i] ? i : anyAlias[i];
    if (marker[j] !== from) continue;
    marker[j] = to;
    if (list !== null) list[n] = j;
    n++;
  }
  if (n < need) n = drawByKeys(pull, need, n, rng, marking);
  return n;
}

/**
 * The rest of a weighted draw without replacement, exactly: every still-eligible column gets the key
 * Exp(1) / weight and the `need - n` smallest keys win. O(M log M) with a native sort, for the rare customer
 * whose rejections pile up.
 */
function drawByKeys(pull: Pull, need: number, n: number, rng: Rng, marking: Marking): number {
  const ownWeights = pull.own.weights;
  const anyWeights = pull.any.weights;
  const affinity = pull.affinity;
  const { marker, from, to, list } = marking;
  const M = marker.length;
  const keys = new Float64Array(M).fill(Number.POSITIVE_INFINITY);
  let eligible = 0;
  for (let j = 0; j < M; j++) {
    if (marker[j] !== from) continue;
    const w = affinity * ownWeights[j] + (1 - affinity) * anyWeights[j];
    const u = (rng.nextUint32() + 0.5) / TWO_32;
    keys[j] = w > 0 ? -Math.log(u) / w : Number.MAX_VALUE;
    eligible++;
  }
  const take = Math.min(need - n, eligible);
  if (take <= 0) return n;
  const sorted = keys.slice().sort();
  const cutoff = sorted[take - 1];
  // keys equal to the cutoff (ties are all but impossible) go in column order
  let atCutoff = 0;
  for (let t = take - 1; t >= 0 && sorted[t] === cutoff; t--) atCutoff++;
  for (let j = 0; j < M && n < need; j++) {
    const k = keys[j];
    if (k > cutoff || (k === cutoff && atCutoff-- <= 0)) continue;
    marker[j] = to;
    if (list !== null) list[n] = j;
    n++;
  }
  return n;
}
