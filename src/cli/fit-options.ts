import type { HeatmapCliOptions } from './heatmap.js';
import type { InputCliOptions } from './input-options.js';
import type { KMeansCliOptions } from './kmeans-options.js';

export type Engine = 'sparse' | 'ml-kmeans';
export const engines: readonly Engine[] = ['sparse', 'ml-kmeans'];

/** `fit`'s flags as commander hands them over; its own file so that fit.ts, fit-run.ts and fit-report.ts share it without a cycle. */
export interface FitCliOptions extends KMeansCliOptions, HeatmapCliOptions, InputCliOptions {
  k: number;
  engine: Engine;
  out?: string;
  json?: boolean;
  saveModel?: string;
  quiet?: boolean;
  heatmaps?: string;
  minSupport: number;
  profiles: boolean;
  report?: string;
  silhouetteSample: number;
}
