import type { ServerKind } from '../servers/server-catalog.js';
import type { ServerRow } from './bench-report.js';
import type { MachineInfo } from './machine-info.js';

const COLORS: Record<ServerKind, string> = {
  raw: '#9aa0a6',
  plain: '#4a7bd0',
  'plain-guarded': '#8fb0e6',
  weerpc: '#2e9e5b',
  'weerpc-guarded': '#7cc08f',
};

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, char => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char]!);

/** One bar: its label, its length (`null`: not measured) and what is written after it. */
export interface ChartBar {
  readonly label: string;
  readonly value: number | null;
  readonly color: string;
  readonly text: string;
}

/** A line of the chart: a bar, or a heading over the bars that follow. */
export type ChartRow = ChartBar | { readonly heading: string };

/** A horizontal bar chart: title, subtitle, rows and a small-print footer. */
export interface BarChart {
  readonly title: string;
  readonly subtitle: string;
  readonly rows: readonly ChartRow[];
  readonly footer: readonly string[];
  /** Room for the labels and for the longest bar, in px (350 and 400 by default; the chart is 1000 wide). */
  readonly labelWidth?: number;
  readonly barArea?: number;
}

/** What the chart's caption says about the run. */
export interface ChartCaption {
  readonly command: string;
  readonly machine: MachineInfo;
  readonly pinning: string;
  readonly date: string;
}

/** The machine line of a caption. */
export const machineLine = ({ machine, pinning }: Pick<ChartCaption, 'machine' | 'pinning'>) =>
  `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.os}; ${pinning}`;

/** Bars scaled to the longest, one row each; self-contained SVG, no dependencies. */
export function renderBarChart(chart: BarChart): string {
  const width = 1000;
  const { labelWidth = 350, barArea = 400 } = chart;
  const rowHeight = 30;
  const top = 58;
  const max = Math.max(1, ...chart.rows.map(row => ('value' in row ? (row.value ?? 0) : 0)));
  const body = chart.rows.map((row, index) => {
    const y = top + index * rowHeight;
    if ('heading' in row) {
      return `<text x="16" y="${y + 21}" font-weight="600">${escapeXml(row.heading)}</text>`;
    }
    const label = `<text x="${labelWidth - 10}" y="${y + 19}" text-anchor="end">${escapeXml(row.label)}</text>`;
    if (row.value === null) {
      return `${label}<text x="${labelWidth + 6}" y="${y + 19}" fill="#888">not available</text>`;
    }
    const barWidth = Math.max(1, Math.round((row.value / max) * barArea));
    return (
      label +
      `<rect x="${labelWidth}" y="${y + 5}" width="${barWidth}" height="${rowHeight - 10}" rx="3" fill="${row.color}"/>` +
      `<text x="${labelWidth + barWidth + 6}" y="${y + 19}">${escapeXml(row.text)}</text>`
    );
  });
  const footerY = top + chart.rows.length * rowHeight + 24;
  const height = footerY + chart.footer.length * 18 + 8;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-size="13" fill="#222">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="16" y="28" font-size="17" font-weight="600">${escapeXml(chart.title)}</text>`,
    `<text x="16" y="46" fill="#555">${escapeXml(chart.subtitle)}</text>`,
    ...body,
    ...chart.footer.map((line, index) => `<text x="16" y="${footerY + index * 18}" font-size="11" fill="#666">${escapeXml(line)}</text>`),
    '</svg>',
    '',
  ].join('\n');
}

/**
 * The HTTP benchmark's chart: median req/s per server, each bar labelled with its ratio to the
 * plain Nest controller on the same adapter and its p99.
 */
export function renderSvgChart(rows: readonly ServerRow[], caption: ChartCaption): string {
  return renderBarChart({
    title: 'nestjs-weerpc vs a plain Nest route: weeRPC add_numbers over HTTP',
    subtitle: 'requests per second, median of rounds (higher is better)',
    rows: rows.map((row): ChartBar => {
      const parts = row.median === null ? [] : [`${Math.round(row.median.reqPerSec).toLocaleString('en-US')} req/s`];
      if (row.median !== null && row.reqPerSecVsPlain !== null && row.kind !== 'plain') {
        parts.push(`${row.reqPerSecVsPlain.toFixed(2)}× plain`);
      }
      if (row.median !== null) {
        parts.push(`p99 ${row.median.p99Ms.toFixed(2)} ms`);
      }
      return { label: row.label, value: row.median?.reqPerSec ?? null, color: COLORS[row.kind], text: parts.join(' · ') };
    }),
    footer: [machineLine(caption), `${caption.command} · ${caption.date} · median of interleaved rounds, POST add_numbers, 127.0.0.1`],
  });
}
