import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { renderWsChart } from './ws-chart.js';
import type { WsBenchReport } from './ws-report.js';

/** Writes the report as `<dir>/<name>.json` and its chart as `<dir>/<name>.svg`; returns both paths. */
export function writeWsReport(report: WsBenchReport, dir: string, name: string): [json: string, svg: string] {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${name}.json`);
  const svg = join(dir, `${name}.svg`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(svg, renderWsChart(report));
  return [json, svg];
}

/** Redraws the chart of a written report (`x.json` → `x.svg`, beside it) without measuring; returns the SVG's path. */
export function redrawWsChart(json: string): string {
  const report = JSON.parse(readFileSync(json, 'utf8')) as WsBenchReport;
  const svg = join(dirname(json), `${basename(json, '.json')}.svg`);
  writeFileSync(svg, renderWsChart(report));
  return svg;
}
