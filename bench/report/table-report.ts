import type { DispatchResult } from '../dispatch/dispatch-suite.js';
import type { ServerRow, TargetCheck } from './bench-report.js';
import type { ProfileSummary } from './cpu-profile.summary.js';
import { adapterName, type WsBenchReport } from './ws-report.js';

type Table = string[][];

const integer = (value: number) => Math.round(value).toLocaleString('en-US');
const times = (value: number | null) => (value === null ? '–' : `${value.toFixed(2)}×`);
/** Two decimals, or three where two would round a miss onto the limit (4.997 is not 5.00). */
const timesNear = (value: number | null, limit: number) =>
  value === null ? 'not available' : `${value.toFixed(value.toFixed(2) === limit.toFixed(2) && value !== limit ? 3 : 2)}×`;
const ms = (value: number) => value.toFixed(2);

/** The servers' table: one row per server, medians over rounds and ratios. */
export function serverTable(rows: readonly ServerRow[]): Table {
  const header = [
    'server',
    'req/s',
    'p50 ms',
    'p99 ms',
    'CPU µs/req',
    'server CPU %',
    'peak RSS MB',
    'req/s vs plain',
    'p99 vs plain',
    'CPU-bound vs plain',
    'req/s vs node:http',
  ];
  return [
    header,
    ...rows.map(row =>
      row.median === null
        ? [row.label, 'not available', ...header.slice(2).map(() => '')]
        : [
            row.label,
            integer(row.median.reqPerSec),
            ms(row.median.p50Ms),
            ms(row.median.p99Ms),
            row.median.cpuUsPerRequest.toFixed(1),
            Math.round(row.median.serverCpuPct).toString(),
            row.peakRssMb === null ? '–' : row.peakRssMb.toFixed(1),
            times(row.reqPerSecVsPlain),
            times(row.p99VsPlain),
            times(row.cpuBoundVsPlain),
            times(row.reqPerSecVsRaw),
          ],
    ),
  ];
}

/** The WebSocket benchmark: per adapter and level, both transports' medians and the ratios. */
export function wsTable(report: WsBenchReport): Table {
  const range = (values: number[]) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}×`;
  const calls = (min: number, max: number) => `${integer(min)}–${integer(max)}`;
  return [
    [
      'adapter',
      'in flight',
      'HTTP keep-alive calls/s',
      'one WebSocket calls/s',
      'WebSocket vs HTTP',
      'per round',
      'CPU-bound',
      'HTTP rounds',
      'WebSocket rounds',
      'CPU µs/call HTTP',
      'CPU µs/call WebSocket',
      'server CPU % HTTP / WS',
    ],
    ...report.comparisons.map(({ adapter, inFlight, http, ws, ratio, roundRatios, cpuBoundRatio }) => [
      adapterName(adapter),
      String(inFlight),
      integer(http.median.callsPerSec),
      integer(ws.median.callsPerSec),
      times(ratio),
      range(roundRatios),
      times(cpuBoundRatio),
      calls(http.min, http.max),
      calls(ws.min, ws.max),
      http.median.cpuUsPerCall.toFixed(1),
      ws.median.cpuUsPerCall.toFixed(1),
      `${Math.round(http.median.serverCpuPct)} / ${Math.round(ws.median.serverCpuPct)}`,
    ]),
  ];
}

/** The targets against this run. */
export function targetTable(checks: readonly TargetCheck[]): Table {
  return [
    ['target', 'measured', 'wanted', 'met', 'CPU-bound', 'note'],
    ...checks.map(check => [
      check.target,
      timesNear(check.value, check.limit),
      `${check.comparison} ${check.limit}×`,
      check.met === null ? '–' : check.met ? 'yes' : 'NO',
      check.cpuBound === null ? '' : timesNear(check.cpuBound, check.limit),
      check.note ?? '',
    ]),
  ];
}

/** The in-process dispatch benchmark. */
export function dispatchTable(results: readonly DispatchResult[]): Table {
  const floor = results.find(result => result.id === 'direct');
  return [
    ['in-process case', 'calls/s', 'ns/call', 'ns over the floor'],
    ...results.map(result => [
      result.label,
      integer(result.callsPerSec),
      integer(result.nsPerCall),
      floor && result !== floor ? integer(result.nsPerCall - floor.nsPerCall) : '',
    ]),
  ];
}

/** The top self-time functions of a profile, all of them or (`own`) the module's own. */
export function profileTable(summary: ProfileSummary, count = 10, own = false): Table {
  return [
    ['self %', own ? 'function in lib/' : 'function', 'where'],
    ...(own ? summary.topOwn : summary.top).slice(0, count).map(entry => [entry.sharePct.toFixed(1), entry.name, entry.where]),
  ];
}

/** Self time per origin (our lib, Nest, rxjs, node, GC, ...), on one line. */
export function originsLine(summary: ProfileSummary, count = 8): string {
  return summary.byOrigin
    .slice(0, count)
    .map(entry => `${entry.origin} ${entry.sharePct.toFixed(1)}%`)
    .join(', ');
}

/** Columns padded for a terminal; numbers right-aligned. */
export function toText(table: Table): string {
  const widths = table[0].map((_, column) => Math.max(...table.map(row => row[column]?.length ?? 0)));
  const numeric = (cell: string) => /^[-–\d.,×%]+$/.test(cell);
  return table
    .map(row =>
      row
        .map((cell, column) => (numeric(cell) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A GitHub markdown table. */
export function toMarkdown(table: Table): string {
  const line = (row: string[]) => `| ${row.join(' | ')} |`;
  const [header, ...rows] = table;
  return [line(header), line(header.map((_, column) => (column === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}
