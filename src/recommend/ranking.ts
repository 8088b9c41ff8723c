/**
 * Ranking metrics on the test ratings: each test customer's rated test movies ordered by prediction (ties by column,
 * never by the true rating), the first `at` of them scored against "relevant" = true rating >= threshold.
 *   precision@N = relevant in the top N / size of the top N (N, or fewer when the customer has fewer test ratings)
 *   recall@N    = relevant in the top N / relevant of the customer
 *   NDCG@N      = sum over the top N of rel / log2(rank + 1), divided by the same for the ideal order (binary gains)
 * Averaged over the customers that have at least one relevant test rating (the others have no recall or NDCG, and
 * would add a precision of 0 whatever the predictor).
 */
export interface RankingScores {
  readonly precision: number;
  readonly recall: number;
  readonly ndcg: number;
  /** Customers averaged over. */
  readonly customers: number;
}

export function rankingScores(
  groups: Int32Array,
  cols: Int32Array,
  actual: Float32Array,
  predicted: Float64Array,
  at: number,
  threshold: number,
): RankingScores {
  const n = groups.length;
  let order = new Int32Array(64);
  let sumP = 0;
  let sumR = 0;
  let sumN = 0;
  let customers = 0;
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && groups[end] === groups[start]) end++;
    const len = end - start;
    let relevant = 0;
    for (let t = start; t < end; t++) if (actual[t] >= threshold) relevant++;
    if (relevant > 0) {
      if (len > order.length) order = new Int32Array(len * 2);
      const o = order.subarray(0, len);
      for (let s = 0; s < len; s++) o[s] = start + s;
      o.sort((a, b) => predicted[b] - predicted[a] || cols[a] - cols[b] || a - b);
      const top = Math.min(at, len);
      let hits = 0;
      let dcg = 0;
      for (let r = 0; r < top; r++) {
        if (actual[o[r]] >= threshold) {
          hits++;
          dcg += 1 / Math.log2(r + 2);
        }
      }
      let idcg = 0;
      for (let r = 0; r < Math.min(top, relevant); r++) idcg += 1 / Math.log2(r + 2);
      sumP += hits / top;
      sumR += hits / relevant;
      sumN += dcg / idcg;
      customers++;
    }
    start = end;
  }
  return customers > 0
    ? { precision: sumP / customers, recall: sumR / customers, ndcg: sumN / customers, customers }
    : { precision: NaN, recall: NaN, ndcg: NaN, customers: 0 };
}
