import { defaultRatingRange } from '../../src/matrix/rating-range.js';
import { fromDenseRows, type RatingsData } from '../../src/matrix/csr.js';

/** RatingsData from dense rows (0 = not rated), for small hand-made cases. */
export function ratingsFromDense(rows: number[][], customerIds: number[], movieIds: number[]): RatingsData {
  return {
    matrix: fromDenseRows(rows),
    customerIds: Int32Array.from(customerIds),
    movieIds: Int32Array.from(movieIds),
    source: 'test',
    ratingRange: defaultRatingRange,
  };
}

/** The pivot of test/fixtures/heatmap/pivot.csv, with its clusters (test/fixtures/heatmap/assignments.csv). */
export const fixtureMovieIds = [1, 3, 8, 17, 18, 26, 28, 30];
export const fixtureRows: { id: number; cluster: number; ratings: number[] }[] = [
  { id: 6, cluster: 0, ratings: [5, 4, 0, 3, 0, 0, 1, 2] },
  { id: 7, cluster: 0, ratings: [4, 0, 5, 0, 0, 2, 0, 0] },
  { id: 10, cluster: 0, ratings: [5, 5, 5, 4, 0, 0, 0, 0] },
  { id: 79, cluster: 0, ratings: [0, 0, 3, 0, 0, 0, 0, 0] },
  { id: 97, cluster: 0, ratings: [3, 4, 0, 0, 5, 0, 0, 0] },
  { id: 134, cluster: 0, ratings: [4, 4, 4, 0, 0, 0, 0, 1] },
  { id: 188, cluster: 1, ratings: [0, 0, 0, 5, 5, 4, 0, 0] },
  { id: 199, cluster: 1, ratings: [0, 1, 0, 4, 5, 5, 0, 0] },
  { id: 201, cluster: 1, ratings: [0, 0, 0, 3, 0, 4, 2, 0] },
  { id: 304, cluster: 1, ratings: [0, 0, 0, 5, 4, 0, 0, 0] },
  { id: 305, cluster: 1, ratings: [2, 0, 0, 0, 3, 3, 0, 0] },
  { id: 490, cluster: 2, ratings: [0, 0, 0, 0, 0, 0, 5, 4] },
  { id: 491, cluster: 2, ratings: [0, 0, 1, 0, 0, 0, 4, 5] },
  { id: 492, cluster: 2, ratings: [0, 0, 0, 0, 0, 0, 0, 3] },
];

export function fixtureData(): { data: RatingsData; labels: Int32Array; k: number } {
  return {
    data: ratingsFromDense(
      fixtureRows.map((r) => r.ratings),
      fixtureRows.map((r) => r.id),
      fixtureMovieIds,
    ),
    labels: Int32Array.from(fixtureRows, (r) => r.cluster),
    k: 3,
  };
}
