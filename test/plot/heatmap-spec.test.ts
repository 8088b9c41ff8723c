import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transformMatrix } from '../../src/matrix/transform.js';
import {
  clusterSpec,
  combinedSpec,
  heatmapFont,
  heatmapStyle,
  heatmapTitle,
  maxTitleLength,
  notRatedColor,
  ratedCells,
} from '../../src/plot/heatmap-spec.js';
import { selectClusters } from '../../src/plot/select.js';
import { fixtureData } from '../support/data.js';

const limits = { maxUsers: 5, maxMovies: 4, minClusterSize: 4 };

function selections(kind: 'ratings' | 'binary' | 'centered' = 'ratings') {
  const { data, labels, k } = fixtureData();
  return selectClusters(data, transformMatrix(data.matrix, kind), labels, k, limits).drawn;
}

/** The spec as plain JSON, to walk without vega-lite's types. */
const json = (spec: unknown): any => JSON.parse(JSON.stringify(spec));

describe('heatmap specs', () => {
  it('titles a cluster as the original printed it', () => {
    assert.equal(heatmapTitle(selections()[0]), 'Cluster 0 - 6 customers (5 shown) x 4 movies');
  });

  it('puts movie ids on x and Cust_Ids on y in the selection order, in DejaVu Sans', () => {
    const sel = selections()[0];
    const spec = json(clusterSpec(sel, heatmapStyle('ratings', [sel])));
    assert.equal(spec.config.font, heatmapFont);
    assert.equal(spec.title.text, heatmapTitle(sel));
    assert.deepEqual(spec.encoding.x.scale.domain, ['1', '3', '8', '17']);
    assert.deepEqual(spec.encoding.y.scale.domain, ['10', '6', '134', '7', '97']);
    assert.equal(spec.encoding.y.title, 'Cust_Id');
    // only rated cells are data (14 of the 20); one not-rated cell stands for the legend entry
    assert.equal(spec.data.values.length, 14);
    assert.deepEqual(ratedCells(sel).slice(4, 7), [
      { c: '6', m: '1', v: 5 },
      { c: '6', m: '3', v: 4 },
      { c: '6', m: '17', v: 3 },
    ]);
    assert.deepEqual(spec.layer[1].data.values, [{ c: '6', m: '8' }]);
  });

  it('labels the ratings legend in stars and gives "not rated" its own entry and colour', () => {
    const sel = selections()[0];
    const spec = json(clusterSpec(sel, heatmapStyle('ratings', [sel])));
    const color = spec.layer[0].encoding.color;
    assert.deepEqual(color.scale.domain, [1, 5]);
    assert.deepEqual(color.legend.values, [1, 2, 3, 4, 5]);
    assert.match(color.legend.labelExpr, /'1 star'/);
    assert.match(color.legend.labelExpr, /' stars'/);
    const fill = spec.layer[1].encoding.fill;
    assert.deepEqual(fill.scale, { domain: ['not rated'], range: [notRatedColor] });
    assert.equal(spec.config.view.fill, notRatedColor);
  });

  it('uses two colours for the binary matrix and a diverging scale around 0 for the centred one', () => {
    const bin = selections('binary');
    const binSpec = json(clusterSpec(bin[0], heatmapStyle('binary', bin)));
    assert.deepEqual(binSpec.layer[0].encoding.color.scale.domain, ['rated']);
    assert.equal(binSpec.layer[1].encoding.fill.datum, 'not rated');

    const cen = selections('centered');
    const style = heatmapStyle('centered', cen);
    const color = json(clusterSpec(cen[0], style)).layer[0].encoding.color;
    assert.equal(color.scale.domainMid, 0);
    assert.equal(color.scale.domain[0], -color.scale.domain[1]);
    // the largest |rating - mean| shown: customer 6 rated 5, 4, 3, 1, 2 (mean 3) and gave movie 1 a 5, +2
    // (customer 199's 1 for movie 3, -2.75, is not shown: movie 3 is not among cluster 1's top four)
    assert.equal(style.centeredExtent, 2);
  });

  it('labels movies by title, cut to 40 characters, keeping the id as the field', () => {
    const sel = selections()[0];
    const long = 'A title that is quite a lot longer than forty characters';
    const titles = new Map([[1, long], [3, "It's, with commas"]]);
    const x = json(clusterSpec(sel, heatmapStyle('ratings', [sel], { titles }))).encoding.x;
    assert.equal(x.field, 'm');
    assert.ok(x.axis.labelExpr.includes(JSON.stringify(long.slice(0, maxTitleLength))));
    assert.ok(!x.axis.labelExpr.includes(long));
    // a movie missing from the titles file keeps its id
    assert.ok(x.axis.labelExpr.includes('"8":"8"'));
  });

  it('stacks all clusters under one shared legend', () => {
    const sels = selections();
    const spec = json(combinedSpec(sels, heatmapStyle('ratings', sels)));
    assert.equal(spec.vconcat.length, 2);
    assert.deepEqual(spec.vconcat.map((v: { title: { text: string } }) => v.title.text), sels.map(heatmapTitle));
    assert.equal(spec.resolve.scale.color, 'shared');
    assert.equal(spec.resolve.scale.fill, 'shared');
    assert.equal(spec.resolve.scale.y, 'independent');
  });
});
