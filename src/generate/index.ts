/** Synthetic Netflix-like data in the df_p pivot format: the programmatic API behind `netflix-cluster generate`. */
export { defaultGenerateOptions, MAX_GROUPS, resolveGenerateOptions } from './options.js';
export { MAX_CUSTOMER_ID, MAX_MOVIE_ID, netflixPrize } from './netflix-prize.js';
export type { GenerateOptions } from './options.js';
export { generatePivot, generateRatings, latentGroups } from './generate.js';
export type { GenerateHooks, GenerateSummary, GeneratedRatings } from './generate.js';
export { buildModel, MODEL_PARAMS } from './model.js';
export type { PivotModel } from './model.js';
export type { BlockSink, ByteSink } from '../io/block-sink.js';
export { openBlockSink } from '../io/block-sink.js';
