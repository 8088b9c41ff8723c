/** Ids up to this use a lookup table (4 bytes per possible id: 128 MiB at the limit); larger ones are sorted. */
const DENSE_LIMIT = 1 << 25;

export interface RankedIds {
  /** The distinct ids, ascending: rank r stands for ids[r]. */
  readonly ids: Int32Array;
  /** How many times each rank occurred (ratings per customer, say): the count comes free with the ranking. */
  readonly counts: Int32Array;
}

/**
 * Replaces every id in ids[0, count) by its rank among the distinct ids (0 = smallest), in place. In place because
 * at 100 M ratings a second index array would be another 400 MB. Ids must be non-negative 32-bit integers (the
 * readers check).
 */
export function rankIdsInPlace(ids: Int32Array, count: number): RankedIds {
  let max = -1;
  for (let p = 0; p < count; p++) if (ids[p] > max) max = ids[p];
  if (max < 0) return { ids: new Int32Array(0), counts: new Int32Array(0) };
  return max <= DENSE_LIMIT ? rankDense(ids, count, max) : rankSorted(ids, count);
}

/** The Netflix case: customer ids below 2.7 M, one table lookup per rating. */
function rankDense(ids: Int32Array, count: number, max: number): RankedIds {
  const table = new Int32Array(max + 1);
  for (let p = 0; p < count; p++) table[ids[p]]++;
  let distinct = 0;
  for (let id = 0; id <= max; id++) if (table[id] > 0) distinct++;
  const sorted = new Int32Array(distinct);
  const counts = new Int32Array(distinct);
  let r = 0;
  for (let id = 0; id <= max; id++) {
    if (table[id] === 0) continue;
    sorted[r] = id;
    counts[r] = table[id];
    table[id] = r++;
  }
  for (let p = 0; p < count; p++) ids[p] = table[ids[p]];
  return { ids: sorted, counts };
}

/** Sparse huge ids (hashes, say): sort a copy, keep the distinct ones, binary-search each rating's id. */
function rankSorted(ids: Int32Array, count: number): RankedIds {
  const copy = ids.slice(0, count).sort();
  const counts = new Int32Array(count);
  let distinct = 0;
  for (let p = 0; p < count; p++) {
    if (p === 0 || copy[p] !== copy[p - 1]) copy[distinct++] = copy[p];
    counts[distinct - 1]++;
  }
  const sorted = copy.slice(0, distinct);
  for (let p = 0; p < count; p++) {
    const id = ids[p];
    let lo = 0;
    let hi = distinct - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    ids[p] = lo;
  }
  return { ids: sorted, counts: counts.slice(0, distinct) };
}
