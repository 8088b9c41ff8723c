import type { Rng } from '../util/random.js';
import type { AliasTable } from './alias.js';
import type { WatchModel } from './watch-model.js';

const TWO_32 = 4294967296;

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
    const n = drawDistinct(
      model.watch[group], model.watchAny, model.watchWeights[group], model.watchAnyWeights,
      affinity, count, rng, marker, 0, 1, list,
    );
    if (n !== count) throw new Error(`chooseMovies: drew ${n} of ${count}`);
    return;
  }
  marker.fill(1, 0, M);
  drawDistinct(
    model.skip[group], model.skipAny, model.skipWeights[group], model.skipAnyWeights,
    affinity, M - count, rng, marker, 1, 0, null,
  );
  let n = 0;
  for (let j = 0; j < M; j++) if (marker[j] !== 0) list[n++] = j;
  if (n !== count) throw new Error(`chooseMovies: kept ${n} of ${count}`);
}

/**
 * Draws `need` distinct columns whose marker is `from`, sets it to `to`, and lists them when `list` is given.
 * Returns how many were drawn.
 */
function drawDistinct(
  own: AliasTable,
  any: AliasTable,
  ownWeights: Float64Array,
  anyWeights: Float64Array,
  affinity: number,
  need: number,
  rng: Rng,
  marker: Uint8Array,
  from: number,
  to: number,
  list: Int32Array | null,
): number {
  const cut = affinity * TWO_32;
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
  if (n < need) n = drawByKeys(ownWeights, anyWeights, affinity, need, n, rng, marker, from, to, list);
  return n;
}

/**
 * The rest of a weighted draw without replacement, exactly: every still-eligible column gets the key
 * Exp(1) / weight and the `need - n` smallest keys win. O(M log M) with a native sort, for the rare customer
 * whose rejections pile up.
 */
function drawByKeys(
  ownWeights: Float64Array,
  anyWeights: Float64Array,
  affinity: number,
  need: number,
  n: number,
  rng: Rng,
  marker: Uint8Array,
  from: number,
  to: number,
  list: Int32Array | null,
): number {
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
