/**
 * Published RMSEs, to read our numbers against. None is measured by this tool: each is labelled with who published
 * it and on which data.
 */
export interface ReferencePoint {
  readonly name: string;
  readonly rmse: number;
}

/** On the real Netflix Prize data (its own probe, quiz and test sets); not comparable one-to-one with a pivot's holdout. */
export const netflixPrizeReference: readonly ReferencePoint[] = [
  { name: 'global mean', rmse: 1.13 },
  { name: 'movie mean', rmse: 1.054 },
  { name: 'Cinematch (Netflix)', rmse: 0.9514 },
  { name: 'Prize winner (2009)', rmse: 0.8567 },
];

export const referenceCaption =
  'published RMSE on the real Netflix Prize data (its probe/quiz/test sets), not measured here';

/** The same, in short lines for the side of a table. */
export const referenceCaptionLines: readonly string[] = [
  'reference RMSE, NOT ours:',
  'published on the real Netflix',
  'Prize data (probe/quiz/test)',
];

/** Surprise's published 5-fold RMSEs (surpriselib.com, MovieLens 100k; SVD also on 1M): theirs, not measured here. */
export const surpriseReference: readonly ReferencePoint[] = [
  { name: 'BaselineOnly (100k)', rmse: 0.944 },
  { name: 'CoClustering (100k)', rmse: 0.963 },
  { name: 'SVD (100k)', rmse: 0.934 },
  { name: 'SVD++ (100k)', rmse: 0.919 },
  { name: 'KNNBaseline (100k)', rmse: 0.931 },
  { name: 'NMF (100k)', rmse: 0.963 },
  { name: 'SVD (1M)', rmse: 0.873 },
];

export const surpriseCaption =
  "Surprise's published 5-fold RMSE on MovieLens 100k / 1M (surpriselib.com), theirs, not measured here";
