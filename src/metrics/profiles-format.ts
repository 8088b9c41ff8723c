import type { GenreShare } from './genre-shares.js';
import { counted } from '../util/format.js';
import type { ClusterProfiles, MovieStat } from './profiles.js';

const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const signed = (x: number) => (x >= 0 ? `+${x.toFixed(2)}` : x.toFixed(2));

/** "movie 1234" or "1234 The Title": titles are optional. */
export function movieLabel(m: MovieStat): string {
  return m.title === null ? `movie ${m.movieId}` : `${m.movieId} ${m.title}`;
}

/** Genres shown per cluster on stderr (JSON and the report have them all). */
export const shownGenres = 5;
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const points = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;

/** The genre lines of one cluster: "+9.1  Drama  52.1% vs 43.0%". */
function genreLines(genres: readonly GenreShare[]): string[] {
  const width = Math.max(...genres.slice(0, shownGenres).map((g) => g.genre.length));
  return [
    `  genres (share of its ratings vs of all ratings, points; most over- and under-represented first)`,
    ...genres
      .slice(0, shownGenres)
      .map(
        (g) =>
          `    ${points(g.gap).padStart(6)}  ${g.genre.padEnd(width)}  ${percent(g.share).padStart(6)} vs ${percent(g.overallShare)}`,
      ),
  ];
}

/** The profiles as lines for stderr, one block per cluster. */
export function formatProfiles(p: ClusterProfiles): string {
  const lines: string[] = [];
  for (const c of p.clusters) {
    lines.push(
      `cluster ${c.cluster}   ${counted(c.size, 'customer')} (${(100 * c.share).toFixed(1)}%)   ` +
        `${fixed(c.meanRatingsPerCustomer, 1)} ratings each   mean rating ${fixed(c.meanRating, 2)}`,
    );
    if (c.genres !== null && c.genres.length > 0) lines.push(...genreLines(c.genres));
    if (c.topRated.length === 0) {
      lines.push(`  no movie rated by >= ${p.minSupport} of its customers`);
      continue;
    }
    lines.push(`  highest rated (rated by >= ${p.minSupport} of its customers)`);
    c.topRated.forEach((m, i) => {
      lines.push(
        `  ${String(i + 1).padStart(3)}. ${m.mean.toFixed(2)}  n=${String(m.support).padEnd(6)} ${movieLabel(m)}`,
      );
    });
    lines.push(`  most distinctive (cluster mean - mean of all customers)`);
    c.distinctive.forEach((m, i) => {
      lines.push(
        `  ${String(i + 1).padStart(3)}. ${signed(m.gap)}  ${m.mean.toFixed(2)} vs ${m.overallMean.toFixed(2)}  n=${String(m.support).padEnd(6)} ${movieLabel(m)}`,
      );
    });
  }
  return lines.join('\n');
}

/** The profiles as plain JSON (NaN becomes null, numbers rounded to 4 decimals so the file stays readable). */
export function profilesJson(p: ClusterProfiles): Record<string, unknown> {
  const num = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null);
  const movie = (m: MovieStat) => ({
    movieId: m.movieId,
    title: m.title,
    support: m.support,
    mean: num(m.mean),
    overallMean: num(m.overallMean),
    gap: num(m.gap),
  });
  return {
    k: p.k,
    customers: p.customers,
    minSupport: p.minSupport,
    top: p.top,
    clusters: p.clusters.map((c) => ({
      cluster: c.cluster,
      size: c.size,
      share: num(c.share),
      meanRatingsPerCustomer: num(c.meanRatingsPerCustomer),
      meanRating: num(c.meanRating),
      topRated: c.topRated.map(movie),
      distinctive: c.distinctive.map(movie),
      ...(c.genres === null
        ? {}
        : {
            genres: c.genres.map((g) => ({
              genre: g.genre,
              ratings: g.ratings,
              share: num(g.share),
              overallShare: num(g.overallShare),
              gap: num(g.gap),
            })),
          }),
    })),
  };
}
