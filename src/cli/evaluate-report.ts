import type { EvaluateResult, PredictorScore } from '../recommend/evaluate.js';
import { predictorFormulas } from '../recommend/predictors.js';
import { rankingDepth, relevantRating } from '../recommend/score.js';
import { netflixPrizeReference, referenceCaption, surpriseCaption, surpriseReference } from '../recommend/reference.js';
import { counted, int, label, secs } from './format.js';

export type EvaluateProtocol =
  | { kind: 'holdout'; share: number }
  | { kind: 'folds'; folds: number }
  | {
      kind: 'files';
      train: string;
      test: string;
      unknownCustomers: number;
      unknownCustomerRatings: number;
      unknownMovies: number;
      unknownMovieRatings: number;
    };

export interface EvaluateReport {
  input: string;
  customers: number;
  movies: number;
  protocol: EvaluateProtocol;
  seed: number;
  matrix: string;
  shrink: number;
  mf: { factors: number; reg: number; epochs: number };
  result: EvaluateResult;
  timingsMs: Record<string, number>;
}

const f4 = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(4));

export function predictorLabel(s: Pick<PredictorScore, 'predictor' | 'k'>): string {
  return s.k === null ? s.predictor : `${s.predictor} k=${s.k}`;
}

function protocolLine(r: EvaluateReport): string {
  const res = r.result;
  const p = r.protocol;
  switch (p.kind) {
    case 'holdout':
      return `holdout     ${p.share} of each customer's ratings (seed ${r.seed}): ${int(res.trainRatings)} to train, ${int(res.testRatings)} held out`;
    case 'folds':
      return `folds       ${p.folds}-fold over the ratings (seed ${r.seed}): ${int(res.testRatings)} ratings, each tested once; mean (std) over the folds`;
    case 'files':
      return (
        `split       train ${p.train} (${int(res.trainRatings)} ratings), test ${p.test} (${int(res.testRatings)}); ` +
        `not in training: ${counted(p.unknownCustomers, 'customer')} (${counted(p.unknownCustomerRatings, 'rating')}), ${counted(p.unknownMovies, 'movie')} (${counted(p.unknownMovieRatings, 'rating')})`
      );
  }
}

/** The scores table, then the published numbers below a rule, each labelled as someone else's. */
export function formatEvaluateReport(r: EvaluateReport): string {
  const res = r.result;
  const folds = res.splits > 1;
  const head = `${'predictor'.padEnd(14)}${'RMSE'.padStart(8)}${folds ? '  (std)' : ''}${'MAE'.padStart(8)}${`P@${rankingDepth}`.padStart(8)}${`R@${rankingDepth}`.padStart(8)}${`NDCG@${rankingDepth}`.padStart(9)}  time`;
  // the times last and unpadded: the metric columns stay aligned whatever the machine's speed
  const rows = res.scores.map(
    (s) =>
      `${predictorLabel(s).padEnd(14)}${f4(s.rmse).padStart(8)}${folds ? ` (${s.std!.rmse.toFixed(3)})` : ''}${f4(s.mae).padStart(8)}` +
      `${f4(s.precision10).padStart(8)}${f4(s.recall10).padStart(8)}${f4(s.ndcg10).padStart(9)}  fit ${secs(s.fitSeconds * 1000)}, predict ${secs(s.predictSeconds * 1000)}`,
  );
  const used = [...new Set(res.scores.map((s) => s.predictor))];
  return [
    `evaluate    ${r.input}: ${int(r.customers)} customers x ${int(r.movies)} movies`,
    protocolLine(r),
    ...(res.fallbackRatings > 0
      ? [
          `fallback    ${int(res.fallbackRatings)} test ratings of customers or movies without training ratings: mu + b_u, the movie mean, or the global mean`,
        ]
      : []),
    ...used.map((p) => `${p.padEnd(12)}${predictorFormulas[p]}`),
    `ranking     each test customer's test movies ordered by prediction; relevant = rating >= ${relevantRating}; fit/predict s summed over the splits`,
    '',
    head,
    ...rows,
    '',
    `NOT ours: ${surpriseCaption}`,
    `  ${surpriseReference.map((p) => `${p.name} ${p.rmse}`).join(', ')}`,
    `NOT ours: ${referenceCaption}`,
    `  ${netflixPrizeReference.map((p) => `${p.name} ${p.rmse}`).join(', ')}`,
    '',
  ].join('\n');
}

/** Fits and times, for stderr. */
export function formatEvaluateDetails(r: EvaluateReport): string {
  const fits = r.result.fits.map(
    (f) =>
      `${label(`fit k=${f.k}`)}split ${f.split}: ${f.nIter} iterations, ${f.converged ? 'converged' : 'not converged'}, sizes ${f.sizes.join(' ')}`,
  );
  const times = Object.entries(r.timingsMs)
    .map(([phase, ms]) => `${phase} ${secs(ms)}`)
    .join('   ');
  return [...fits, `time        ${times}`].join('\n');
}

export function evaluateJson(r: EvaluateReport): Record<string, unknown> {
  const res = r.result;
  return {
    input: r.input,
    customers: r.customers,
    movies: r.movies,
    protocol: r.protocol,
    seed: r.seed,
    matrix: r.matrix,
    shrink: r.shrink,
    mf: r.mf,
    splits: res.splits,
    trainRatings: res.trainRatings,
    testRatings: res.testRatings,
    fallbackRatings: res.fallbackRatings,
    scores: res.scores,
    fits: res.fits,
    reference: {
      note: referenceCaption,
      rmse: netflixPrizeReference,
      surprise: { note: surpriseCaption, rmse: surpriseReference },
    },
    timingsMs: r.timingsMs,
  };
}
