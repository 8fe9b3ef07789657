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

/** What the chart's caption says about the run. */
export interface ChartCaption {
  readonly command: string;
  readonly machine: MachineInfo;
  readonly pinning: string;
  readonly date: string;
}

/**
 * A horizontal bar chart of median req/s per server, each bar labelled with its ratio to the
 * plain Nest controller on the same adapter and its p99; self-contained SVG, no dependencies.
 */
export function renderSvgChart(rows: readonly ServerRow[], caption: ChartCaption): string {
  const width = 1000;
  const labelWidth = 350;
  const barArea = 400;
  const rowHeight = 30;
  const top = 58;
  const max = Math.max(1, ...rows.map(row => row.median?.reqPerSec ?? 0));
  const body = rows.map((row, index) => {
    const y = top + index * rowHeight;
    const label = `<text x="${labelWidth - 10}" y="${y + 19}" text-anchor="end">${escapeXml(row.label)}</text>`;
    if (row.median === null) {
      return `${label}<text x="${labelWidth + 6}" y="${y + 19}" fill="#888">not available</text>`;
    }
    const barWidth = Math.max(1, Math.round((row.median.reqPerSec / max) * barArea));
    const parts = [`${Math.round(row.median.reqPerSec).toLocaleString('en-US')} req/s`];
    if (row.reqPerSecVsPlain !== null && row.kind !== 'plain') {
      parts.push(`${row.reqPerSecVsPlain.toFixed(2)}× plain`);
    }
    parts.push(`p99 ${row.median.p99Ms.toFixed(2)} ms`);
    return (
      label +
      `<rect x="${labelWidth}" y="${y + 5}" width="${barWidth}" height="${rowHeight - 10}" rx="3" fill="${COLORS[row.kind]}"/>` +
      `<text x="${labelWidth + barWidth + 6}" y="${y + 19}">${escapeXml(parts.join(' · '))}</text>`
    );
  });
  const footerY = top + rows.length * rowHeight + 24;
  const { machine } = caption;
  const footer = [
    `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.os}; ${caption.pinning}`,
    `${caption.command} · ${caption.date} · median of interleaved rounds, POST add_numbers, 127.0.0.1`,
  ];
  const height = footerY + footer.length * 18 + 8;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-size="13" fill="#222">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="16" y="28" font-size="17" font-weight="600">nestjs-weerpc vs a plain Nest route: weeRPC add_numbers over HTTP</text>`,
    `<text x="16" y="46" fill="#555">requests per second, median of rounds (higher is better)</text>`,
    ...body,
    ...footer.map((line, index) => `<text x="16" y="${footerY + index * 18}" font-size="11" fill="#666">${escapeXml(line)}</text>`),
    '</svg>',
    '',
  ].join('\n');
}
