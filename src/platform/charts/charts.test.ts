import { describe, expect, it } from 'vitest';
import { renderBarChart, sanitiseChartSvg, seriesColours } from './index.ts';

const echartsLike = `<svg width="600" height="300" xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 600 300">
<rect width="600" height="300" x="0" y="0" fill="none"></rect>
<text dominant-baseline="central" text-anchor="end" style="font-size:12px;font-family:&quot;Noto Sans&quot;, sans-serif;" transform="translate(61 206)" fill="#54555a">看东西</text>
<text style="font-size:12px;fill:#000;font-weight:bold;behavior:url(x.htc)" fill="currentColor">a</text>
<path d="M69.5 157.8l458.6 0Z" fill="#2563eb" ecmeta_series_index="0" ecmeta_data_index="0" ecmeta_ssr_type="chart" class="zr0-cls-1" pointer-events="visible"></path>
<style ><![CDATA[
.zr0-cls-1:hover {
cursor:pointer;
fill:rgba(40,108,255,1);
}
]]>
</style>
</svg>`;

describe('sanitising an ECharts SVG for a page that forbids inline styles', () => {
  const clean = sanitiseChartSvg(echartsLike, 'fj-chart__svg');

  it('turns style declarations into presentation attributes and keeps nothing else of them', () => {
    expect(clean).not.toContain('style=');
    expect(clean).toContain(
      '<text dominant-baseline="central" text-anchor="end" transform="translate(61 206)" fill="#54555a" font-size="12px">看东西</text>',
    );
    // The page's font (and the reader's chosen one) is inherited; a property SVG does not know is dropped.
    expect(clean).not.toContain('font-family');
    expect(clean).not.toContain('behavior');
    // An attribute already on the element wins over the same property in the style.
    expect(clean).toContain('<text fill="currentColor" font-size="12px" font-weight="bold">a</text>');
  });

  it('drops the <style> block, the classes it styled and the ecmeta_ attributes', () => {
    expect(clean).not.toMatch(/<style|CDATA|zr0-cls|ecmeta_|pointer-events/);
    expect(clean).toContain('<path d="M69.5 157.8l458.6 0Z" fill="#2563eb"></path>');
  });

  it('hides the chart from assistive technology: the table beside it is what is read', () => {
    expect(
      clean.startsWith('<svg class="fj-chart__svg" aria-hidden="true" focusable="false" width="600"'),
    ).toBe(true);
    expect(clean.match(/<svg/g)).toHaveLength(1);
  });
});

describe('bar charts drawn on the server', () => {
  const names = ['看东西', '<script>alert(1)</script>', 'Walking "&" steps'];

  for (const kind of ['bar', 'stacked', 'grouped'] as const) {
    it(`draws a ${kind} chart as an SVG the CSP allows, with its words escaped`, async () => {
      const svg = await renderBarChart({
        kind,
        categories: names,
        series:
          kind === 'bar'
            ? [{ name: 'share', values: [31.2, 12, null] }]
            : [
                { name: '很困难 <b>', values: [10, 20, null] },
                { name: '完全做不到', values: [5, null, 3] },
              ],
        format: (v) => `${v}%`,
        max: 100,
      });
      expect(svg).toMatch(/^<svg class="fj-chart__svg" aria-hidden="true" focusable="false"/);
      expect(svg).not.toMatch(/style=|<style|ecmeta_|<script|<b>|on[a-z]+=/);
      expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(svg).toContain('看东西');
      expect(svg).toContain(`fill="${seriesColours[0]}"`);
      // Text, axes and grid follow the page's text colour, whatever the theme.
      expect(svg).toContain('fill="currentColor"');
      expect(svg).not.toMatch(/fill="#(333|54555a|6e7079)"/i);
      // Bars side by side carry their value; stacked segments leave it to the table.
      if (kind === 'bar') expect(svg).toContain('>31.2%<');
      if (kind === 'grouped') expect(svg).toContain('>10%<');
      if (kind === 'stacked') expect(svg).not.toContain('>10%<');
      if (kind !== 'bar') expect(svg).toContain(`fill="${seriesColours[1]}"`);
    });
  }

  it('draws nothing for a withheld value: only the bars of shown values are there', async () => {
    const bars = async (values: (number | null)[]) => {
      const svg = await renderBarChart({
        kind: 'bar',
        categories: ['a', 'b', 'c'],
        series: [{ name: 's', values }],
        format: String,
      });
      return (svg.match(new RegExp(`fill="${seriesColours[0]}"`, 'g')) ?? []).length;
    };
    expect(await bars([10, 20, 30])).toBe(3);
    expect(await bars([10, null, 30])).toBe(2);
  });
});

describe('drawn charts are kept', () => {
  it('gives the same SVG for the same figures and words, and draws anew when either changes', async () => {
    const chart = {
      kind: 'bar' as const,
      categories: ['甲', '乙'],
      series: [{ name: 's', values: [1, 2] }],
      format: (v: number) => `${v}%`,
    };
    const first = await renderBarChart(chart);
    expect(await renderBarChart({ ...chart, series: [{ name: 's', values: [1, 2] }] })).toBe(first);
    expect(await renderBarChart({ ...chart, series: [{ name: 's', values: [1, 3] }] })).not.toBe(first);
    expect(await renderBarChart({ ...chart, format: (v: number) => `${v} %` })).not.toBe(first);
  });
});
