import { machineLine, renderBarChart, type ChartRow } from './svg-chart.js';
import { adapterName, wsHeadline, wsTargetVerdict, type WsBenchReport } from './ws-report.js';

const HTTP_COLOR = '#4a7bd0';
const WS_COLOR = '#2e9e5b';

const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')} calls/s`;
/** The rounds' spread around the median, as ± half the range in percent. */
const spread = (min: number, max: number, middle: number) => `±${((50 * (max - min)) / middle).toFixed(0)}%`;

/**
 * The WebSocket benchmark's chart, drawn from its report alone (so `--chart-from` redraws it):
 * per level of calls in flight and per adapter, HTTP keep-alive's bar and one WebSocket's, the
 * latter labelled with its ratio to the former; the headline and the target on top.
 */
export function renderWsChart(report: WsBenchReport): string {
  const rows: ChartRow[] = [];
  for (const inFlight of report.settings.inFlight) {
    rows.push({ heading: `${inFlight} calls in flight` });
    for (const comparison of report.comparisons.filter(candidate => candidate.inFlight === inFlight)) {
      const name = adapterName(comparison.adapter);
      const { http, ws } = comparison;
      rows.push(
        {
          label: `HTTP keep-alive, ${inFlight} connections (${name})`,
          value: http.median.callsPerSec,
          color: HTTP_COLOR,
          text: `${perSecond(http.median.callsPerSec)} · ${spread(http.min, http.max, http.median.callsPerSec)}`,
        },
        {
          label: `one WebSocket, ${inFlight} in flight (${name})`,
          value: ws.median.callsPerSec,
          color: WS_COLOR,
          text: `${perSecond(ws.median.callsPerSec)} · ${spread(ws.min, ws.max, ws.median.callsPerSec)} · ${comparison.ratio.toFixed(2)}× HTTP`,
        },
      );
    }
  }
  const load = (values: number[]) => values.map(value => value.toFixed(2)).join(' ');
  return renderBarChart({
    title: wsHeadline(report),
    subtitle: `${wsTargetVerdict(report)} · weeRPC add_numbers, calls/s, median of ${report.settings.rounds} rounds ± half their range`,
    rows,
    footer: [
      machineLine(report),
      `load average (1, 5, 15 min) ${load(report.loadAverage.start)} before, ${load(report.loadAverage.end)} after; the machine is shared`,
      `${report.command} · ${report.date.slice(0, 10)} · one server process per adapter serves both transports, 127.0.0.1`,
    ],
    labelWidth: 310,
    barArea: 330,
  });
}
