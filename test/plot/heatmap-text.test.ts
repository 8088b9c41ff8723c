import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockFill, cutTitle, heatmapSubtitle, panelSubtitle, percent } from '../../src/plot/heatmap-text.js';
import { selectClusters } from '../../src/plot/select.js';
import { fixtureData } from '../support/data.js';

describe('cutTitle', () => {
  it('keeps titles that fit', () => {
    assert.equal(cutTitle('Dinosaur Planet'), 'Dinosaur Planet');
    const forty = 'x'.repeat(40);
    assert.equal(cutTitle(forty), forty);
  });

  it('cuts at the last word boundary that fits and marks the cut with an ellipsis', () => {
    // 41 characters: the original printed "Star Wars: Episode IV - A New Hope (1977"
    assert.equal(cutTitle('Star Wars: Episode IV - A New Hope (1977)'), 'Star Wars: Episode IV - A New Hope…');
    assert.equal(cutTitle('Lord of the Rings: The Return of the King (2003)'), 'Lord of the Rings: The Return of the…');
  });

  it('drops a separator left dangling at the cut', () => {
    assert.equal(cutTitle('Alpha Beta Gamma - Delta Epsilon', 20), 'Alpha Beta Gamma…');
    assert.equal(cutTitle('Alpha Beta: Gamma Delta', 13), 'Alpha Beta…');
  });

  it('cuts mid-word when no boundary falls in the second half of the room', () => {
    assert.equal(cutTitle('Supercalifragilisticexpialidocious Returns', 20), 'Supercalifragilisti…');
    assert.equal([...cutTitle('Supercalifragilisticexpialidocious Returns', 20)].length, 20);
  });

  it('counts characters, not UTF-16 units', () => {
    assert.equal(cutTitle('Amélie 😀😀😀 de Montmartre', 12), 'Amélie 😀😀😀…');
  });
});

describe('heatmap subtitles', () => {
  const { data, labels, k } = fixtureData();
  const limits = { maxUsers: 5, maxMovies: 4, minClusterSize: 4 };

  it("says how the densest block was chosen and ordered, how many of the cluster's, and its fill against the cluster's", () => {
    const sel = selectClusters(data, data.matrix, labels, k, limits).drawn[0];
    // cluster 0: 6 customers x 8 movies, 20 ratings (5 + 3 + 4 + 1 + 3 + 4; 41.7%); the shown 5 x 4 block has 14 of 20 cells rated (70%)
    assert.deepEqual(blockFill(sel), { shown: 0.7, cluster: 20 / 48 });
    assert.deepEqual(heatmapSubtitle(sel), [
      "movies: the cluster's 4 most-rated (of 8)",
      "customers: the 5 of 6 with the most ratings among these movies (--select densest, the original's choice)",
      'order: customers by ratings among these movies, movies by ratings in the cluster, most first',
      "fill: 70.0% of the 5 x 4 cells shown are rated; 41.7% of the cluster's 6 x 8",
    ]);
    assert.deepEqual(panelSubtitle(sel), ['5 x 4 shown', 'fill 70.0% (cluster 41.7%)']);
  });

  it('names the distinctive and sample choices, the seed, and the leading-direction order', () => {
    const distinctive = selectClusters(data, data.matrix, labels, k, { ...limits, mode: 'distinctive' }).drawn[1];
    const lines = heatmapSubtitle(distinctive);
    assert.equal(
      lines[0],
      `movies: the ${distinctive.movieIds.length} (of 8) whose share of the cluster's ratings most exceeds their share of all ratings`,
    );
    assert.equal(
      lines[1],
      "customers: the 5 of 5 nearest the cluster's mean, those who rated none of these last (--select distinctive)",
    );
    assert.equal(
      lines[2],
      "order: customers and movies by their score on the block's leading direction (alike ones sit together)",
    );
    const sample = selectClusters(data, data.matrix, labels, k, { ...limits, mode: 'sample', seed: 42 }).drawn[0];
    assert.equal(heatmapSubtitle(sample)[1], 'customers: 5 of 6 drawn at random (--select sample, seed 42)');
  });

  it('prints shares with the digits they deserve', () => {
    assert.equal(percent(0.971), '97.1%');
    assert.equal(percent(0.0933), '9.3%');
    assert.equal(percent(0.0042), '0.42%');
    assert.equal(percent(0), '0%');
  });
});
