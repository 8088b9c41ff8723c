import type { MovieCatalog } from '../../src/plot/scatter-data.js';
import { ratingsFromDense } from './data.js';

/** A catalogue as the MovieLens reader returns it, made in memory. */
export const catalog: MovieCatalog = {
  titles: new Map([
    [1, 'Alien (1979)'],
    [2, 'Notting Hill (1999)'],
    [3, 'Her (2013)'],
    [4, 'Airplane! (1980)'],
  ]),
  genres: new Map([
    [1, ['Sci-Fi', 'Horror']],
    [2, ['Comedy', 'Romance']],
    [3, ['Romance', 'Sci-Fi']],
    [4, ['Comedy']],
  ]),
};

//                         m1 m2 m3 m4
export const genreRatings = ratingsFromDense(
  [
    [4, 2, 0, 0], // 1: Sci-Fi 4, Romance 2
    [5, 0, 3, 0], // 2: Sci-Fi (5 + 3) / 2 = 4, Romance 3
    [0, 0, 0, 5], // 3: neither genre
    [3, 0, 0, 4], // 4: no Romance
    [0, 1, 5, 0], // 5: Sci-Fi 5, Romance (1 + 5) / 2 = 3
  ],
  [1, 2, 3, 4, 5],
  [1, 2, 3, 4],
);
