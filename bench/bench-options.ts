import { parseArgs } from 'node:util';
import { SERVERS } from './servers/server-catalog.js';

/** What one `npm run bench` does; `--quick` for development, the defaults for the published numbers. */
export interface BenchOptions {
  readonly quick: boolean;
  readonly rounds: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly connections: number;
  readonly dispatchSeconds: number;
  /** Server ids to run (all by default). */
  readonly servers: readonly string[];
  /** Also profile every HTTP server (`--cpu-prof`) after measuring, and summarise. */
  readonly profileServers: boolean;
  readonly http: boolean;
  readonly dispatch: boolean;
  /** The command line, as a user would type it to reproduce the run. */
  readonly command: string;
}

/** The command line, for `--help` and for mistakes. */
export const USAGE = `npm run bench -- [--quick] [--rounds N] [--warmup S] [--duration S] [--connections N]
                    [--dispatch-duration S] [--only id,id] [--profile] [--no-http] [--no-dispatch] [--help]
servers: ${SERVERS.map(spec => spec.id).join(', ')}`;

/** Parses the bench's command line; throws the usage on anything unknown. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean', default: false },
        rounds: { type: 'string' },
        warmup: { type: 'string' },
        duration: { type: 'string' },
        connections: { type: 'string' },
        'dispatch-duration': { type: 'string' },
        only: { type: 'string' },
        profile: { type: 'boolean', default: false },
        'no-http': { type: 'boolean', default: false },
        'no-dispatch': { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`, { cause: error });
  }
  const quick = values.quick;
  const number = (name: string, raw: string | undefined, fallback: number): number => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!(value > 0)) {
      throw new Error(`--${name} must be a positive number\n${USAGE}`);
    }
    return value;
  };
  const servers = values.only ? values.only.split(',').map(id => id.trim()) : SERVERS.map(spec => spec.id);
  const unknown = servers.filter(id => !SERVERS.some(spec => spec.id === id));
  if (unknown.length > 0) {
    throw new Error(`unknown server ${unknown.join(', ')}\n${USAGE}`);
  }
  return {
    quick,
    rounds: Math.round(number('rounds', values.rounds, quick ? 3 : 5)),
    warmupSeconds: number('warmup', values.warmup, quick ? 1 : 3),
    seconds: number('duration', values.duration, quick ? 2 : 10),
    connections: Math.round(number('connections', values.connections, 10)),
    dispatchSeconds: number('dispatch-duration', values['dispatch-duration'], quick ? 1 : 3),
    servers,
    profileServers: values.profile,
    http: !values['no-http'],
    dispatch: !values['no-dispatch'],
    command: ['npm run bench', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' '),
  };
}

/**
 * Whether a run measures everything at least as long as the defaults do: only such a run
 * replaces the published results (latest.*); any other writes partial.*.
 */
export function isFullRun(options: BenchOptions): boolean {
  const full = parseBenchOptions([]);
  return (
    !options.quick &&
    options.http &&
    options.dispatch &&
    options.servers.length === full.servers.length &&
    options.rounds >= full.rounds &&
    options.warmupSeconds >= full.warmupSeconds &&
    options.seconds >= full.seconds &&
    options.dispatchSeconds >= full.dispatchSeconds
  );
}
