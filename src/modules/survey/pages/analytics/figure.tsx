import { Table, type TableCell } from '../../../../platform/ui/index.ts';
import type { FigureTable } from '../../domain/analytics.ts';
import type { AnalyticsLabels } from './labels.ts';

/** A table's cells as the page shows them: the row's name, then each figure. */
export function tableCells(table: FigureTable, labels: AnalyticsLabels): TableCell[][] {
  return table.rows.map((row) => [
    labels.row(table.id, row),
    ...row.figures.map((figure): TableCell => ({ content: labels.figure(figure), numeric: true })),
  ]);
}

/**
 * One finding: the sentence that states it (the figure's caption), the chart,
 * and the table of its figures. The chart is drawn on the server and hidden
 * from assistive technology: the caption and the table beside it say all it
 * shows, and a screen reader would otherwise read every axis label as text.
 */
export function AnalyticsFigure(props: {
  table: FigureTable;
  labels: AnalyticsLabels;
  finding: string;
  /** The chart drawn by drawCharts; none when the table has nothing to draw. */
  svg: string | undefined;
}) {
  const { table, labels, svg } = props;
  return (
    <figure class="fj-chart" id={`figure-${table.id}`}>
      <figcaption class="fj-chart__caption">{props.finding}</figcaption>
      {svg !== undefined && (
        // The SVG comes from ECharts, which escapes every text it draws, through sanitiseChartSvg.
        <div class="fj-chart__image" dangerouslySetInnerHTML={{ __html: svg }} />
      )}
      <Table
        id={`table-${table.id}`}
        caption={labels.title(table.id)}
        captionSize="s"
        firstCellIsHeader
        columns={[
          { header: labels.rowHeader(table.id) },
          ...table.columns.map((column) => ({ header: labels.column(table.id, column), numeric: true })),
        ]}
        rows={tableCells(table, labels)}
      />
    </figure>
  );
}
