/** Ids up to this use a lookup table (4 bytes per possible id: 128 MiB at the limit); larger ones are sorted. */
const DENSE_LIMIT = 1 << 25;

/**
 * Replaces every id in ids[0, count) by its rank among the distinct ids (0 = smallest), in place, and returns the
 * distinct ids ascending. In place because at 100 M ratings a second index array would be another 400 MB. Ids must
 * be non-negative 32-bit integers (the readers check).
 */
export function rankIdsInPlace(ids: Int32Array, count: number): Int32Array {
  let max = -1;
  for (let p = 0; p < count; p++) if (ids[p] > max) max = ids[p];
  if (max < 0) return new Int32Array(0);
  return max <= DENSE_LIMIT ? rankDense(ids, count, max) : rankSorted(ids, count);
}

/** The Netflix case: customer ids below 2.7 M, one table lookup per rating. */
function rankDense(ids: Int32Array, count: number, max: number): Int32Array {
  const table = new Int32Array(max + 1);
  for (let p = 0; p < count; p++) table[ids[p]] = 1;
  let distinct = 0;
  for (let id = 0; id <= max; id++) distinct += table[id];
  const sorted = new Int32Array(distinct);
  let r = 0;
  for (let id = 0; id <= max; id++) {
    if (table[id] === 0) continue;
    sorted[r] = id;
    table[id] = r++;
  }
  for (let p = 0; p < count; p++) ids[p] = table[ids[p]];
  return sorted;
}

/** Sparse huge ids (hashes, say): sort a copy, keep the distinct ones, binary-search each rating's id. */
function rankSorted(ids: Int32Array, count: number): Int32Array {
  const copy = ids.slice(0, count).sort();
  let distinct = 0;
  for (let p = 0; p < count; p++) if (p === 0 || copy[p] !== copy[p - 1]) copy[distinct++] = copy[p];
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
  return sorted;
}
