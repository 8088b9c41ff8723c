/**
 * One colour per cluster, the same in every picture: the heatmaps' titles and the scatter plot's points. Dark
 * enough to read as text on white and to see as a small dot; 20 of them before they repeat.
 */
export const clusterPalette: readonly string[] = [
  '#1f77b4',
  '#d95f02',
  '#2ca02c',
  '#d62728',
  '#7b4fa6',
  '#8c564b',
  '#c2378f',
  '#5f6b73',
  '#9a8a00',
  '#138d90',
  '#0b3d91',
  '#f08c2e',
  '#1a6b1a',
  '#8f1a1a',
  '#a57fd0',
  '#b9866f',
  '#e377c2',
  '#2f2f2f',
  '#bcbd22',
  '#3fb2b6',
];

export function clusterColor(cluster: number): string {
  return clusterPalette[cluster % clusterPalette.length];
}
