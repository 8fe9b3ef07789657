/**
 * `npm run bench [-- --quick]`: the HTTP benchmark (every server alone, pinned, in interleaved
 * rounds), then the in-process dispatch benchmark and its profile. Prints the tables and writes
 * bench/results/latest.json and latest.svg (the chart the README shows); a quick, partial or
 * shorter run (`--quick`, `--only`, `--no-http`, `--no-dispatch`, fewer rounds or seconds than the
 * defaults) writes partial.json and partial.svg instead.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isFullRun, parseBenchOptions, USAGE, type BenchOptions } from './bench-options.js';
import { profileDispatchCase, runDispatchSuite, type DispatchResult } from './dispatch/dispatch-suite.js';
import { pinLoadGenerator } from './http/cpu-pinning.js';
import { runHttpSuite } from './http/http-suite.js';
import { profileServer } from './http/server-profile.js';
import { checkTargets, REFERENCE_VS_PLAIN_FASTIFY, toRows, type ServerRow } from './report/bench-report.js';
import type { ProfileSummary } from './report/cpu-profile.summary.js';
import { machineInfo } from './report/machine-info.js';
import { renderSvgChart } from './report/svg-chart.js';
import { dispatchTable, originsLine, profileTable, serverTable, targetTable, toMarkdown, toText } from './report/table-report.js';
import { SERVERS } from './servers/server-catalog.js';
import { runBenchCli } from './bench-cli.js';

const RESULTS_DIR = fileURLToPath(new URL('../../bench/results/', import.meta.url));
const PROFILES_DIR = `${RESULTS_DIR}profiles`;

const log = (line = '') => process.stdout.write(`${line}\n`);

async function main(options: BenchOptions): Promise<void> {
  const started = Date.now();
  const machine = machineInfo();
  const pinning = pinLoadGenerator();
  log(`${options.command}`);
  log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load average ${machine.loadAverageAtStart}; ${pinning.note}`);
  log(
    `${options.rounds} rounds × (${options.warmupSeconds}s warm-up + ${options.seconds}s measured), ` +
      `${options.connections} connections, in-process ${options.dispatchSeconds}s per case and round`,
  );

  let rows: ServerRow[] = [];
  const serverProfiles: Record<string, ProfileSummary> = {};
  if (options.http) {
    log('\nHTTP (each server alone, rounds interleaved):');
    const specs = SERVERS.filter(spec => options.servers.includes(spec.id));
    const results = await runHttpSuite(specs, { ...options, serverCpu: pinning.serverCpu }, log);
    rows = toRows(results);
    if (options.profileServers) {
      log('\nprofiling each server under load (--cpu-prof)...');
      for (const result of results) {
        const warmup = { connections: options.connections, seconds: options.warmupSeconds };
        const load = { connections: options.connections, seconds: options.seconds };
        serverProfiles[result.spec.id] = await profileServer(result.spec, pinning.serverCpu, warmup, load, PROFILES_DIR);
      }
    }
  }

  let dispatch: DispatchResult[] = [];
  const dispatchProfiles: Record<string, ProfileSummary> = {};
  if (options.dispatch) {
    log('\nin-process dispatch (no HTTP)...');
    dispatch = await runDispatchSuite(pinning.serverCpu, options.dispatchSeconds);
    for (const id of ['bare', 'guarded'] as const) {
      dispatchProfiles[id] = await profileDispatchCase(pinning.serverCpu, options.dispatchSeconds, id, PROFILES_DIR);
    }
  }

  const targets = checkTargets(rows);
  const date = new Date().toISOString();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const report = {
    date,
    command: options.command,
    machine,
    pinning: pinning.note,
    settings: {
      rounds: options.rounds,
      warmupSeconds: options.warmupSeconds,
      seconds: options.seconds,
      connections: options.connections,
      dispatchSeconds: options.dispatchSeconds,
    },
    servers: rows,
    targets,
    referenceVsPlainFastify: REFERENCE_VS_PLAIN_FASTIFY,
    dispatch,
    profiles: { dispatch: dispatchProfiles, servers: serverProfiles },
  };
  const name = isFullRun(options) ? 'latest' : 'partial';
  const written = [`bench/results/${name}.json`];
  writeFileSync(`${RESULTS_DIR}${name}.json`, `${JSON.stringify(report, null, 2)}\n`);
  if (rows.length > 0) {
    const caption = { command: options.command, machine, pinning: pinning.note, date: date.slice(0, 10) };
    writeFileSync(`${RESULTS_DIR}${name}.svg`, renderSvgChart(rows, caption));
    written.push(`${name}.svg`);
  }

  if (rows.length > 0) {
    log(`\n${toText(serverTable(rows))}`);
    log(`\n${toText(targetTable(targets))}`);
    log(`\nmarkdown:\n\n${toMarkdown(serverTable(rows))}\n\n${toMarkdown(targetTable(targets))}`);
  }
  if (dispatch.length > 0) {
    log(`\n${toText(dispatchTable(dispatch))}`);
  }
  for (const [name, summary] of [
    ...Object.entries(dispatchProfiles).map(([id, summary]) => [`dispatch ${id}`, summary] as const),
    ...Object.entries(serverProfiles).map(([id, summary]) => [`server ${id}`, summary] as const),
  ]) {
    log(`\nprofile, ${name} (${summary.window}, ${summary.totalMs} ms): ${originsLine(summary)}`);
    log(`${toText(profileTable(summary))}\n${toText(profileTable(summary, 6, true))}`);
  }
  log(`\nwrote ${written.join(' and ')} in ${Math.round((Date.now() - started) / 1000)}s`);
}

runBenchCli(USAGE, parseBenchOptions, main);
