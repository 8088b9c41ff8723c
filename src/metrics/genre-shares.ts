/** One genre's weight in one cluster, against its weight over all customers. */
export interface GenreShare {
  readonly genre: string;
  /** Ratings the cluster's customers gave to movies of the genre. */
  readonly ratings: number;
  /** ratings / all the cluster's ratings. A movie of two genres counts in both, so shares need not sum to 1. */
  readonly share: number;
  /** The same share over all customers' ratings. */
  readonly overallShare: number;
  /** share - overallShare: positive when the cluster rates the genre more than everyone does. */
  readonly gap: number;
}

/**
 * Each cluster's share of ratings per genre beside the share over all customers, from the per-cluster rating
 * counts of each column (counts[c * nCols + j], as clusterProfiles gathers them). Sorted most over- or
 * under-represented first (largest |gap|), then by genre name, so the order is deterministic. Genres no customer
 * rated are left out; movies the catalog does not know count in the totals but in no genre.
 */
export function genreShares(
  counts: Float64Array,
  k: number,
  movieIds: Int32Array,
  genres: ReadonlyMap<number, readonly string[]>,
): GenreShare[][] {
  const nCols = movieIds.length;
  const names: string[] = [];
  const index = new Map<string, number>();
  const columnGenres: number[][] = [];
  for (let j = 0; j < nCols; j++) {
    const list = genres.get(movieIds[j]) ?? [];
    columnGenres.push(
      list.map((g) => {
        let at = index.get(g);
        if (at === undefined) {
          at = names.length;
          index.set(g, at);
          names.push(g);
        }
        return at;
      }),
    );
  }
  const nGenres = names.length;
  const byGenre = new Float64Array(k * nGenres);
  const totals = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < nCols; j++) {
      const n = counts[c * nCols + j];
      if (n === 0) continue;
      totals[c] += n;
      for (const g of columnGenres[j]) byGenre[c * nGenres + g] += n;
    }
  }
  let all = 0;
  const allByGenre = new Float64Array(nGenres);
  for (let c = 0; c < k; c++) {
    all += totals[c];
    for (let g = 0; g < nGenres; g++) allByGenre[g] += byGenre[c * nGenres + g];
  }
  const out: GenreShare[][] = [];
  for (let c = 0; c < k; c++) {
    const shares: GenreShare[] = [];
    for (let g = 0; g < nGenres; g++) {
      if (allByGenre[g] === 0) continue;
      const ratings = byGenre[c * nGenres + g];
      const share = totals[c] > 0 ? ratings / totals[c] : 0;
      const overallShare = allByGenre[g] / all;
      shares.push({ genre: names[g], ratings, share, overallShare, gap: share - overallShare });
    }
    shares.sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap) || (a.genre < b.genre ? -1 : a.genre > b.genre ? 1 : 0));
    out.push(shares);
  }
  return out;
}
