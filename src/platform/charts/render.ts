import { sanitiseChartSvg } from './sanitise.ts';

type Echarts = typeof import('echarts/core');

/**
 * ECharts is loaded with the first chart, not with the server: it takes a
 * noticeable part of a second to load, and most servers' start-ups (and most
 * requests) draw no chart.
 */
let loading: Promise<Echarts> | undefined;
function echartsCore(): Promise<Echarts> {
  loading ??= Promise.all([
    import('echarts/core'),
    import('echarts/charts'),
    import('echarts/components'),
    import('echarts/renderers'),
  ]).then(([core, charts, components, renderers]) => {
    core.use([charts.BarChart, components.GridComponent, components.LegendComponent, renderers.SVGRenderer]);
    return core;
  });
  return loading;
}

/**
 * A scale from bad to good (red, orange, grey, light blue, blue): it reads in
 * order without telling red from green, and each colour keeps 3:1 on white
 * and on black like the series colours.
 */
export const scaleColours = ['#b91c1c', '#ea580c', '#737373', '#0284c7', '#1d4ed8'] as const;

/**
 * Series colours. Each has a contrast of at least 3.4:1 against white and
 * against black (WCAG 1.4.11 asks 3:1 of graphics), so the bars read on the
 * default page and in the high-contrast theme (black) alike, and in print.
 * Text, axes and grid lines are drawn in `currentColor`: they follow the
 * page's text colour (--fj-text) in every theme.
 */
export const seriesColours = ['#2563eb', '#c2410c', '#0f766e', '#7c3aed', '#db2777', '#a16207'] as const;

/** bar: one series; stacked: the series' bars end to end; grouped: side by side. */
export type ChartKind = 'bar' | 'stacked' | 'grouped';

export interface ChartSeries {
  readonly name: string;
  /** One per category; null draws nothing (a figure withheld or not known). */
  readonly values: readonly (number | null)[];
}

export interface BarChart {
  readonly kind: ChartKind;
  /** Down the side, first at the top: long Chinese labels read best on a horizontal bar. */
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
  /** How a value reads beside its bar, e.g. `31.2%`. */
  readonly format: (value: number) => string;
  /** How the value axis reads, e.g. `20%`; none: as beside a bar. */
  readonly axisFormat?: (value: number) => string;
  /** A colour per series, for an ordered scale (very dissatisfied … very satisfied); none: seriesColours. */
  readonly colours?: readonly string[];
  /** The end of the value axis (100 for shares); none: from the data. */
  readonly max?: number;
  readonly width?: number;
}

const fontSize = 13;
const top = 8;
const legendHeight = 28;
const axisHeight = 28;
/** The widest category label, in pixels; a longer one is cut short with an ellipsis. */
const labelWidth = 220;

/**
 * How wide a label reads in the page's font: a Han character is a square of
 * the font size, anything else about 0.62 of it (DejaVu Sans, Noto Sans).
 * ECharts cannot measure text on the server and guesses narrower Latin
 * letters, so the left margin is set from this wider guess, not left to it.
 */
const textWidth = (text: string): number =>
  [...text].reduce((sum, ch) => sum + (/[\u2e80-\uffef]/.test(ch) ? fontSize : fontSize * 0.62), 0);

function categoryHeight(chart: BarChart): number {
  return chart.kind === 'grouped' ? 10 + 16 * chart.series.length : 30;
}

/**
 * Drawn charts by what they show: a campaign's figures change rarely and are
 * read often, and drawing one takes ECharts about 10 ms of the one thread.
 * The oldest is forgotten first.
 */
const drawn = new Map<string, string>();
const drawnKept = 300;

/** Everything that decides a chart's SVG, including how its numbers read (the language). */
const chartKey = (chart: BarChart): string =>
  JSON.stringify([
    chart.kind,
    chart.categories,
    chart.series,
    chart.max ?? null,
    chart.colours ?? null,
    chart.width ?? null,
    chart.format(12345.5),
    (chart.axisFormat ?? chart.format)(12345.5),
  ]);

/** The chart as an SVG string that needs no inline style, hidden from assistive technology (see sanitise.ts). */
export async function renderBarChart(chart: BarChart): Promise<string> {
  const key = chartKey(chart);
  const known = drawn.get(key);
  if (known !== undefined) {
    drawn.delete(key);
    drawn.set(key, known);
    return known;
  }
  const svg = draw(await echartsCore(), chart);
  drawn.set(key, svg);
  if (drawn.size > drawnKept) drawn.delete(drawn.keys().next().value as string);
  return svg;
}

function draw(echarts: Echarts, chart: BarChart): string {
  const width = chart.width ?? 720;
  const legend = chart.series.length > 1;
  const height =
    top + (legend ? legendHeight : 0) + chart.categories.length * categoryHeight(chart) + axisHeight;
  const widest = Math.max(0, ...chart.categories.map(textWidth));
  const labelsWidth = Math.min(labelWidth, widest);
  // ECharts cuts a long label by its own narrower guess of Latin letters (about 0.55 of the font
  // size): such a label may read up to an eighth wider than labelWidth in the page's font.
  const margin = widest > labelWidth ? labelWidth * 1.13 : labelsWidth;
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption({
      animation: false,
      textStyle: { color: 'currentColor', fontSize },
      legend: legend
        ? {
            top,
            left: 0,
            itemWidth: 14,
            itemHeight: 14,
            textStyle: { color: 'currentColor', fontSize },
          }
        : { show: false },
      grid: {
        top: top + (legend ? legendHeight : 0),
        bottom: axisHeight,
        left: margin + 12,
        right: 56,
        outerBoundsMode: 'none',
      },
      xAxis: {
        type: 'value',
        ...(chart.max === undefined ? {} : { max: chart.max }),
        axisLabel: {
          color: 'currentColor',
          fontSize,
          formatter: (value: number) => (chart.axisFormat ?? chart.format)(value),
        },
        splitLine: { lineStyle: { color: 'currentColor', opacity: 0.25 } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: [...chart.categories],
        axisTick: { show: false },
        axisLine: { lineStyle: { color: 'currentColor' } },
        // Long names are cut short with an ellipsis rather than squeezing the bars: the table has them in full.
        axisLabel: {
          color: 'currentColor',
          fontSize,
          width: labelWidth,
          overflow: 'truncate',
          ellipsis: '…',
        },
      },
      series: chart.series.map((series, index) => ({
        type: 'bar',
        name: series.name,
        data: [...series.values],
        ...(chart.kind === 'stacked' ? { stack: 'all' } : {}),
        barMaxWidth: 22,
        // A picture on a page, not an application: nothing reacts to a pointer.
        silent: true,
        // A white edge parts stacked segments and neighbouring bars on a light or a black page.
        itemStyle: {
          color: chart.colours?.[index] ?? seriesColours[index % seriesColours.length],
          borderColor: '#ffffff',
          borderWidth: chart.kind === 'stacked' ? 1 : 0,
        },
        label:
          chart.kind === 'stacked'
            ? { show: false }
            : {
                show: true,
                position: 'right',
                color: 'currentColor',
                fontSize,
                // A 0 gets no label: it would stand where no bar is, and the table says it.
                formatter: (item: { value: unknown }) =>
                  typeof item.value === 'number' && item.value !== 0 ? chart.format(item.value) : '',
              },
        emphasis: { disabled: true },
      })),
    });
    return sanitiseChartSvg(instance.renderToSVGString(), 'fj-chart__svg');
  } finally {
    instance.dispose();
  }
}
