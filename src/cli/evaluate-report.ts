import type { EvaluateResult, PredictorScore } from '../recommend/evaluate.js';
import { netflixPrizeReference, referenceCaption, referenceCaptionLines } from '../recommend/reference.js';
import { int, label, secs } from './format.js';

export interface EvaluateReport {
  input: string;
  holdout: number;
  seed: number;
  matrix: string;
  shrink: number;
  result: EvaluateResult;
}

export function predictorLabel(s: PredictorScore): string {
  return s.k === null ? s.predictor : `${s.predictor}, k=${s.k}`;
}

/**
 * The table of our scores with the published Netflix Prize numbers beside it, set apart by a rule and a caption
 * so nobody mistakes them for ours.
 */
export function formatEvaluateReport(r: EvaluateReport): string {
  const res = r.result;
  const left = [
    `${'predictor'.padEnd(32)}${'RMSE'.padStart(8)}${'MAE'.padStart(8)}`,
    ...res.scores.map((s) => `${predictorLabel(s).padEnd(32)}${s.rmse.toFixed(4).padStart(8)}${s.mae.toFixed(4).padStart(8)}`),
  ];
  const right = [
    referenceCaptionLines[0],
    ...netflixPrizeReference.map((p) => `  ${p.name.padEnd(21)}${String(p.rmse)}`),
    ...referenceCaptionLines.slice(1),
  ];
  const width = left[0].length;
  const rows = Math.max(left.length, right.length);
  const table: string[] = [];
  for (let i = 0; i < rows; i++) table.push(`${(left[i] ?? '').padEnd(width)}   |  ${right[i] ?? ''}`.trimEnd());
  return [
    `evaluate    ${r.input}: ${int(res.customers)} customers x ${int(res.movies)} movies`,
    `holdout     ${r.holdout} of each customer's ratings (seed ${r.seed}): ${int(res.trainRatings)} to train, ${int(res.testRatings)} held out`,
    `cluster CF  k-means on the ${r.matrix} matrix; predicted = (cluster sum + ${r.shrink} x movie mean) / (support + ${r.shrink})`,
    '',
    ...table,
    '',
  ].join('\n');
}

/** Fits and times, for stderr. */
export function formatEvaluateDetails(res: EvaluateResult): string {
  const fits = res.fits.map(
    (f) => `${label(`fit k=${f.k}`)}${f.nIter} iterations, ${f.converged ? 'converged' : 'not converged'}, sizes ${f.sizes.join(' ')}`,
  );
  const times = Object.entries(res.timingsMs)
    .map(([phase, ms]) => `${phase} ${secs(ms)}`)
    .join('   ');
  return [...fits, `time        ${times}`].join('\n');
}

export function evaluateJson(r: EvaluateReport): Record<string, unknown> {
  const res = r.result;
  return {
    input: r.input,
    customers: res.customers,
    movies: res.movies,
    holdout: r.holdout,
    seed: r.seed,
    matrix: r.matrix,
    shrink: r.shrink,
    trainRatings: res.trainRatings,
    testRatings: res.testRatings,
    scores: res.scores.map((s) => ({ predictor: s.predictor, k: s.k, rmse: s.rmse, mae: s.mae })),
    fits: res.fits,
    reference: { note: referenceCaption, rmse: netflixPrizeReference },
    timingsMs: res.timingsMs,
  };
}
