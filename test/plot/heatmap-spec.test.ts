import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transformMatrix } from '../../src/matrix/transform.js';
import { clusterSpec, combinedSpec, heatmapTitle, overviewColumns, ratedCells } from '../../src/plot/heatmap-spec.js';
import { heatmapFont, heatmapStyle, notRatedColor } from '../../src/plot/heatmap-style.js';
import { clusterColor } from '../../src/plot/cluster-colors.js';
import { heatmapSubtitle, panelSubtitle } from '../../src/plot/heatmap-text.js';
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
    // counts as everywhere: thousands separated, one customer or movie in the singular
    const one = { ...selections()[0], size: 1, customerIds: [7], movieIds: [3] };
    assert.equal(heatmapTitle(one as never), 'Cluster 0 - 1 customer (1 shown) x 1 movie');
    assert.equal(heatmapTitle({ ...one, size: 39431 } as never), 'Cluster 0 - 39,431 customers (1 shown) x 1 movie');
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

  it('labels movies by title, cut with an ellipsis at a word boundary, the full title in the tooltip', () => {
    const sel = selections()[0];
    const long = 'A title that is quite a lot longer than forty characters';
    const titles = new Map([
      [1, long],
      [3, "It's, with commas"],
    ]);
    const spec = json(clusterSpec(sel, heatmapStyle('ratings', [sel], { titles })));
    const x = spec.encoding.x;
    assert.equal(x.field, 'm');
    assert.ok(x.axis.labelExpr.includes(JSON.stringify('A title that is quite a lot longer than…')));
    assert.ok(!x.axis.labelExpr.includes(long));
    // a movie missing from the titles file keeps its id
    assert.ok(x.axis.labelExpr.includes('"8":"8"'));
    // the rated cells' layer looks the full title up for the tooltip
    const rated = spec.layer[0];
    assert.ok(rated.transform[0].calculate.includes(JSON.stringify(long)));
    assert.equal(rated.transform[0].as, 'title');
    assert.deepEqual(
      rated.encoding.tooltip.map((t: { field: string }) => t.field),
      ['c', 'title', 'v'],
    );
  });

  it("draws the title in the cluster's colour with the subtitle under it", () => {
    const sel = selections()[1];
    const spec = json(clusterSpec(sel, heatmapStyle('ratings', [sel])));
    assert.equal(spec.title.color, clusterColor(1));
    assert.deepEqual(spec.title.subtitle, heatmapSubtitle(sel));
  });

  it('centres the diverging scale on 0 with limits at the 98th percentile of the shown |values|', () => {
    // 100 shown values: 1, 2, ..., 100 hundredths of a star below the mean and one outlier of 4 stars
    const base = selections('centered')[0];
    const values = [Array.from({ length: 99 }, (_, i) => -(i + 1) / 100).concat([4])];
    const sel = {
      ...base,
      values,
      customerIds: Int32Array.of(1),
      movieIds: Int32Array.from({ length: 100 }, (_, i) => i + 1),
    };
    const style = heatmapStyle('centered', [sel]);
    // sorted |v|: 0.01 .. 0.99, 4; the 98th of 100 is 0.98, rounded up to a tenth
    assert.equal(style.centeredExtent, 1);
    assert.equal(style.clipped, true);
    const color = json(clusterSpec(sel, style)).layer[0].encoding.color;
    assert.deepEqual(color.scale.domain, [-1, 1]);
    assert.equal(color.scale.domainMid, 0);
    assert.equal(color.scale.clamp, true);
    assert.match(color.legend.labelExpr, /≤/);
    // the residual kind reads the same scale, with its own legend title
    const residual = json(clusterSpec(sel, heatmapStyle('residual', [sel]))).layer[0].encoding.color;
    assert.deepEqual(residual.scale.domain, [-1, 1]);
    assert.deepEqual(residual.title, ['rating minus', 'baseline']);
  });

  it('lays all clusters out in a grid under one shared legend, with per-panel titles', () => {
    const sels = selections();
    const spec = json(combinedSpec(sels, heatmapStyle('ratings', sels), ['note']));
    assert.equal(spec.concat.length, 2);
    assert.equal(spec.columns, overviewColumns(sels));
    assert.deepEqual(
      spec.concat.map((v: { title: { text: string } }) => v.title.text),
      ['Cluster 0 - 6 customers', 'Cluster 1 - 5 customers'],
    );
    assert.deepEqual(spec.concat[0].title.subtitle, panelSubtitle(sels[0]));
    assert.equal(spec.title.subtitle.at(-1), 'note');
    assert.equal(spec.resolve.scale.color, 'shared');
    assert.equal(spec.resolve.scale.fill, 'shared');
    assert.equal(spec.resolve.scale.y, 'independent');
  });
});
