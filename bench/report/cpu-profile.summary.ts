import { readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of V8's `.cpuprofile` (written by `node --cpu-prof`) the summary reads. */
interface CpuProfile {
  /** µs, on the monotonic clock (`process.hrtime`). */
  startTime: number;
  endTime: number;
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** One function's own (self) time. */
export interface ProfileEntry {
  readonly name: string;
  /** Where it is: `lib/...:line`, `bench/...:line`, a package, or `node:...`. */
  readonly where: string;
  readonly selfMs: number;
  /** Share of the profiled time (idle excluded), in percent. */
  readonly sharePct: number;
}

/** Where the time goes: the top functions by self time, and self time per origin. */
export interface ProfileSummary {
  /** `measured` when the samples before the measured phase were left out, `whole run` otherwise. */
  readonly window: 'measured' | 'whole run';
  readonly totalMs: number;
  readonly top: ProfileEntry[];
  /** The module's own functions (`lib/`) by self time: what a hot-path fix can change. */
  readonly topOwn: ProfileEntry[];
  readonly byOrigin: { origin: string; sharePct: number }[];
}

/** `<repo>/dist-bench/lib/x.js` → `lib/x.js`, `.../node_modules/@nestjs/core/...` → `@nestjs/core/...` (npm scripts run in the repo). */
function shortPlace(url: string): string {
  const root = process.cwd() + sep;
  let path = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (path.startsWith(root)) {
    path = path.slice(root.length);
  }
  path = path.replace(/^dist-bench\//, '');
  const modules = path.lastIndexOf('node_modules/');
  return modules === -1 ? path : path.slice(modules + 'node_modules/'.length);
}

/** The origin of a place: our `lib`, the bench, a package (`@nestjs/core`), node internals or V8. */
function originOf(place: string, name: string): string {
  if (place === '') {
    return name.startsWith('(') ? name : 'V8/native';
  }
  if (place.startsWith('node:')) {
    return 'node internals';
  }
  if (place.startsWith('lib/') || place.startsWith('bench/')) {
    return place.split('/')[0] + '/';
  }
  const parts = place.split('/');
  return place.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * Summarises a `.cpuprofile`: self time per function (idle excluded), top `count` first. With
 * `fromMicros` (the process's `hrtime` in µs when measuring began), earlier samples (start-up,
 * warm-up) are left out; a mark outside the profile's span is ignored.
 */
export function summarizeCpuProfile(file: string, fromMicros?: number, count = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const cut = fromMicros !== undefined && fromMicros > profile.startTime && fromMicros < profile.endTime ? fromMicros : undefined;
  let time = profile.startTime;
  const byNode = new Map(profile.nodes.map(node => [node.id, node]));
  const selfByKey = new Map<string, { name: string; where: string; origin: string; micros: number }>();
  let totalMicros = 0;
  profile.samples.forEach((nodeId, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    time += micros;
    const { functionName, url, lineNumber } = byNode.get(nodeId)!.callFrame;
    if (functionName === '(idle)' || (cut !== undefined && time < cut)) {
      return;
    }
    const place = shortPlace(url);
    const name = functionName || '(anonymous)';
    const where = place ? `${place}:${lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = selfByKey.get(key) ?? { name, where, origin: originOf(place, name), micros: 0 };
    entry.micros += micros;
    selfByKey.set(key, entry);
    totalMicros += micros;
  });
  const share = (micros: number) => Math.round((1000 * micros) / totalMicros) / 10;
  const entries = [...selfByKey.values()].sort((a, b) => b.micros - a.micros);
  const byOrigin = new Map<string, number>();
  for (const entry of entries) {
    byOrigin.set(entry.origin, (byOrigin.get(entry.origin) ?? 0) + entry.micros);
  }
  const toEntry = (entry: (typeof entries)[number]): ProfileEntry => ({
    name: entry.name,
    where: entry.where,
    selfMs: Math.round(entry.micros / 100) / 10,
    sharePct: share(entry.micros),
  });
  return {
    window: cut === undefined ? 'whole run' : 'measured',
    totalMs: Math.round(totalMicros / 1000),
    top: entries.slice(0, count).map(toEntry),
    topOwn: entries
      .filter(entry => entry.origin === 'lib/')
      .slice(0, count)
      .map(toEntry),
    byOrigin: [...byOrigin.entries()].sort((a, b) => b[1] - a[1]).map(([origin, micros]) => ({ origin, sharePct: share(micros) })),
  };
}
