/**
 * Published RMSEs on the real Netflix Prize data (its own probe, quiz and test sets), to read our numbers against.
 * They are not measured by this tool and not comparable one-to-one with a random holdout of a pivot file.
 */
export interface ReferencePoint {
  readonly name: string;
  readonly rmse: number;
}

export const netflixPrizeReference: readonly ReferencePoint[] = [
  { name: 'global mean', rmse: 1.13 },
  { name: 'movie mean', rmse: 1.054 },
  { name: 'Cinematch (Netflix)', rmse: 0.9514 },
  { name: 'Prize winner (2009)', rmse: 0.8567 },
];

export const referenceCaption = 'published RMSE on the real Netflix Prize data (its probe/quiz/test sets), not measured here';

/** The same, in short lines for the side of a table. */
export const referenceCaptionLines: readonly string[] = ['reference RMSE, NOT ours:', 'published on the real Netflix', 'Prize data (probe/quiz/test)'];
