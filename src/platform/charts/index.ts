// Charts drawn on the server as SVG (Apache ECharts), always shown beside a data table (DESIGN.md).
export {
  type BarChart,
  type ChartKind,
  type ChartSeries,
  renderBarChart,
  scaleColours,
  seriesColours,
} from './render.ts';
export { sanitiseChartSvg } from './sanitise.ts';
