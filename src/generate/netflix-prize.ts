/** The Netflix Prize download, which both generators imitate: its id ranges and its size. */
export const netflixPrize = {
  /** Movie ids run 1..17,770, every one of them rated. */
  maxMovieId: 17770,
  /** Customer ids run 1..2,649,429, with gaps: only `customers` of them rated. */
  maxCustomerId: 2649429,
  customers: 480189,
  ratings: 100480507,
  /** combined_data_1..4.txt */
  files: 4,
} as const;

export const MAX_MOVIE_ID = netflixPrize.maxMovieId;
export const MAX_CUSTOMER_ID = netflixPrize.maxCustomerId;
