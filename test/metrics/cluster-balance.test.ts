import { test } from 'node:test';
import assert from 'node:assert/strict';
import { balanceWarning, clusterBalance, formatBalance } from '../../src/metrics/cluster-balance.js';
import { messages } from '../../src/messages.js';

test('clusterBalance: largest share and smallest cluster; warns above 50% or below 1%', () => {
  const b = clusterBalance([1, 479, 49, 78, 3]);
  assert.deepEqual(b, {
    largestCluster: 1,
    largestShare: 479 / 610,
    smallestCluster: 0,
    smallestSize: 1,
    smallestShare: 1 / 610,
    unbalanced: true,
  });
  assert.equal(
    balanceWarning(b, false),
    messages.unbalancedClusters(1, 479 / 610, 0, 1 / 610, messages.balanceSuggestion()),
  );
  assert.equal(
    balanceWarning(b, true),
    messages.unbalancedClusters(1, 479 / 610, 0, 1 / 610, messages.balanceSuggestionOther()),
  );
  assert.equal(formatBalance(b), 'largest 1: 78.5%   smallest 0: 1 (0.2%)');
  const even = clusterBalance([109, 120, 108, 152, 121]);
  assert.equal(even.unbalanced, false);
  assert.equal(balanceWarning(even, false), null);
  // exactly 50% and exactly 1% are fine; k = 1 is never a warning
  assert.equal(clusterBalance([50, 49, 1]).unbalanced, false);
  assert.equal(clusterBalance([7]).unbalanced, false);
  // two clusters: one always holds at least half; more than three quarters is the warning
  assert.equal(clusterBalance([317, 293]).unbalanced, false);
  assert.equal(clusterBalance([75, 25]).unbalanced, false);
  assert.equal(clusterBalance([76, 24]).unbalanced, true);
  assert.equal(clusterBalance([605, 5]).unbalanced, true);
  assert.equal(clusterBalance([3, 1, 1]).unbalanced, true, 'from k = 3, more than half');
});
