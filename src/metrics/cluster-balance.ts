import { messages } from '../messages.js';
import { int } from '../util/format.js';

/** How evenly the customers spread over the clusters, as the summaries state it. */
export interface ClusterBalance {
  readonly largestCluster: number;
  /** Customers of the largest cluster over all customers. */
  readonly largestShare: number;
  readonly smallestCluster: number;
  readonly smallestSize: number;
  readonly smallestShare: number;
  /**
   * True when a cluster holds more than half of the customers (at k = 2, where one of the two always holds at
   * least half, more than three quarters) or fewer than 1 %.
   */
  readonly unbalanced: boolean;
}

export const DOMINANT_SHARE = 0.5;
/** At k = 2: the larger cluster three times the size of the other. */
export const DOMINANT_SHARE_OF_TWO = 0.75;
export const TINY_SHARE = 0.01;

/** Largest and smallest cluster (the lower index on ties). */
export function clusterBalance(sizes: readonly number[]): ClusterBalance {
  let total = 0;
  let largest = 0;
  let smallest = 0;
  for (let c = 0; c < sizes.length; c++) {
    total += sizes[c];
    if (sizes[c] > sizes[largest]) largest = c;
    if (sizes[c] < sizes[smallest]) smallest = c;
  }
  const share = (n: number) => (total > 0 ? n / total : 0);
  const largestShare = share(sizes[largest]);
  const smallestShare = share(sizes[smallest]);
  return {
    largestCluster: largest,
    largestShare,
    smallestCluster: smallest,
    smallestSize: sizes[smallest],
    smallestShare,
    // one cluster of everyone (k = 1) is not a warning
    unbalanced:
      sizes.length > 1 &&
      (largestShare > (sizes.length === 2 ? DOMINANT_SHARE_OF_TWO : DOMINANT_SHARE) || smallestShare < TINY_SHARE),
  };
}

/** The one-line warning, or null; it suggests the taste representation unless it is already in use. */
export function balanceWarning(b: ClusterBalance, usingTasteOptions: boolean): string | null {
  if (!b.unbalanced) return null;
  const suggestion = usingTasteOptions ? messages.balanceSuggestionOther() : messages.balanceSuggestion();
  return messages.unbalancedClusters(b.largestCluster, b.largestShare, b.smallestCluster, b.smallestShare, suggestion);
}

/** `largest 2: 38.5%, smallest 4: 31 (5.1%)`. */
export function formatBalance(b: ClusterBalance): string {
  return `largest ${b.largestCluster}: ${(100 * b.largestShare).toFixed(1)}%   smallest ${b.smallestCluster}: ${int(b.smallestSize)} (${(100 * b.smallestShare).toFixed(1)}%)`;
}

export function balanceJson(b: ClusterBalance): Record<string, number | boolean> {
  return { ...b };
}
