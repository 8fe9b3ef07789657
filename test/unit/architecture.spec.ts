import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * lib/ keeps the rooms table of docs/architecture.md ("The rooms of `lib/`"), the source of truth:
 * a file imports only its own room, the rooms its room's row lists, and the shared root files; and no
 * files import each other in a circle (type imports count: a circle is a design knot even when it
 * vanishes at run time). Imports are read with TypeScript's own pre-processor: static `import` and
 * `export ... from`, `import type`, dynamic `import('...')` and `require('...')`, relative ones only.
 */

const ROOT = process.cwd();
const LIB = join(ROOT, 'lib');
const ARCHITECTURE = join(ROOT, 'docs', 'architecture.md');
const ROOMS_HEADING = /^##\s+The rooms of `lib\/`\s*$/;
const ROOT_ROOM = 'root';
/** The root files that every room may import; they import nothing of ours but each other (the text above the table says so). */
const SHARED_ROOT_FILES: readonly string[] = ['weerpc.constants.ts', 'weerpc.messages.ts'];

/** Circles printed per knot of files that import each other; the rest are summed up. */
const MAX_CIRCLES_SHOWN = 8;

/** Room → the rooms it may import, from the table under the heading. */
type RoomsTable = Map<string, Set<string>>;

/** A table row's cells: `|` splits, except escaped (`\|`) or inside a code span. */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let code = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (char === '\\' && line[index + 1] === '|') {
      cell += '|';
      index++;
    } else if (char === '`') {
      code = !code;
      cell += char;
    } else if (char === '|' && !code) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell.trim());
  // A row written `| a | b |` has an empty cell on each side of the bars.
  return cells.slice(line.trimStart().startsWith('|') ? 1 : 0, line.trimEnd().endsWith('|') ? -1 : undefined);
}

/** The text without its notes in parentheses (nested ones too). */
function withoutNotes(text: string): string {
  let previous: string;
  do {
    previous = text;
    text = text.replace(/\([^()]*\)/g, '');
  } while (text !== previous);
  return text;
}

/** `dispatch/`, `` `dispatch/` ``, `lib/dispatch` and `dispatch` all name the room `dispatch`; `root` the root. */
function roomName(name: string): string {
  return name
    .trim()
    .replace(/^`+|`+$/g, '')
    .trim()
    .replace(/^(\.\/)?lib\//, '')
    .replace(/\/+$/, '');
}

/** The rooms an imports cell lists: backticked names, or `nothing`; a note in parentheses after a name is ignored. */
function importsCell(cell: string, room: string): Set<string> {
  const text = withoutNotes(cell);
  const names = [...text.matchAll(/`([^`]+)`/g)].map(match => roomName(match[1]));
  const rest = text
    .replace(/`[^`]*`/g, '')
    .replace(/\b(nothing|and)\b/gi, '')
    .replace(/[\s,;.]+/g, '');
  if (rest !== '' || (names.length === 0 && !/\bnothing\b/i.test(text))) {
    throw new Error(
      `docs/architecture.md, the rooms table: cannot read the imports of '${room}': "${cell}". ` +
        'List the rooms in backticks (`interfaces/`, `outcome/`), or write nothing; a note in parentheses may follow a name.',
    );
  }
  return new Set(names);
}

/** The rooms table under the heading `## The rooms of \`lib/\``: columns room, holds, imports (found by their names). */
function readRoomsTable(markdown: string): RoomsTable {
  const lines = markdown.split('\n');
  const heading = lines.findIndex(line => ROOMS_HEADING.test(line));
  if (heading < 0) {
    throw new Error('docs/architecture.md has no heading "## The rooms of `lib/`"');
  }
  const section = lines.slice(heading + 1);
  const end = section.findIndex(line => /^#{1,2}\s/.test(line));
  const tableLines = (end < 0 ? section : section.slice(0, end)).filter(line => line.trimStart().startsWith('|'));
  if (tableLines.length < 3) {
    throw new Error('docs/architecture.md: no table under "## The rooms of `lib/`"');
  }
  const header = cellsOf(tableLines[0]).map(cell => cell.toLowerCase());
  const roomColumn = header.indexOf('room');
  const importsColumn = header.indexOf('imports');
  if (roomColumn < 0 || importsColumn < 0) {
    throw new Error(`docs/architecture.md: the rooms table needs the columns room and imports, not: ${header.join(', ')}`);
  }
  const table: RoomsTable = new Map();
  for (const line of tableLines.slice(2)) {
    const cells = cellsOf(line);
    const room = roomName(withoutNotes(cells[roomColumn] ?? ''));
    if (room === '') {
      throw new Error(`docs/architecture.md, the rooms table: a row without a room: ${line}`);
    }
    table.set(room, importsCell(cells[importsColumn] ?? '', room));
  }
  return table;
}

/** Every .ts file of lib/, absolute. */
function libFiles(): string[] {
  return readdirSync(LIB, { recursive: true, encoding: 'utf8' })
    .filter(name => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map(name => join(LIB, name))
    .sort();
}

/** A file as the messages show it: relative to the repository (lib/dispatch/x.ts). */
function shown(file: string): string {
  return relative(ROOT, file);
}

function roomOf(file: string): string {
  const parts = relative(LIB, file).split(/[\\/]/);
  return parts.length > 1 ? parts[0] : ROOT_ROOM;
}

function shownRoom(room: string): string {
  return room === ROOT_ROOM ? ROOT_ROOM : `${room}/`;
}

interface Import {
  readonly specifier: string;
  /** The file it resolves to (absolute), or null when it resolves to no .ts file. */
  readonly target: string | null;
}

/** A relative specifier as TypeScript resolves it under NodeNext: `./x.js` → `x.ts`, a folder → its index.ts. */
function resolveRelative(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  const candidates = [
    base
      .replace(/\.js$/, '.ts')
      .replace(/\.mjs$/, '.mts')
      .replace(/\.cjs$/, '.cts'),
    base,
    `${base}.ts`,
    join(base, 'index.ts'),
  ];
  return candidates.find(candidate => /\.[mc]?ts$/.test(candidate) && existsSync(candidate)) ?? null;
}

function importsOf(file: string): Import[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(imported => imported.fileName)
    .filter(specifier => specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..')
    .map(specifier => ({ specifier, target: resolveRelative(file, specifier) }));
}

/** Why the import from `file` to `target` breaks the table, or null when it keeps it. */
function breach(table: RoomsTable, file: string, target: string): string | null {
  const from = roomOf(file);
  const to = roomOf(target);
  const sharedTarget = to === ROOT_ROOM && SHARED_ROOT_FILES.includes(basename(target));
  if (from === ROOT_ROOM && SHARED_ROOT_FILES.includes(basename(file))) {
    return sharedTarget ? null : `the shared root file ${basename(file)} imports nothing of ours but the other shared root files`;
  }
  if (from === to) {
    return null;
  }
  if (sharedTarget) {
    return null;
  }
  const allowed = table.get(from);
  if (!allowed) {
    return `the rooms table of docs/architecture.md has no row for ${shownRoom(from)}`;
  }
  if (allowed.has(to)) {
    return null;
  }
  return to === ROOT_ROOM
    ? `of the root, rooms may import only ${SHARED_ROOT_FILES.join(' and ')}`
    : `the rooms table of docs/architecture.md does not allow ${shownRoom(from)} → ${shownRoom(to)}`;
}

/** The import graph between lib/'s files. */
function importGraph(files: readonly string[]): Map<string, string[]> {
  return new Map(files.map(file => [file, [...new Set(importsOf(file).flatMap(({ target }) => (target ? [target] : [])))]]));
}

/** The strongly connected components of more than one file (or of a file importing itself): Tarjan's. */
function knots(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) {
        continue;
      }
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)!.includes(node)) {
        found.push(component.sort());
      }
    }
  };
  for (const node of graph.keys()) {
    if (!index.has(node)) {
      visit(node);
    }
  }
  return found;
}

/** The shortest circle through each file of a knot, each circle once (`a.ts → b.ts → a.ts`), the shortest first. */
function circlesOf(knot: readonly string[], graph: Map<string, string[]>): string[] {
  const members = new Set(knot);
  const circles = new Map<string, string>();
  for (const start of knot) {
    // Breadth first from start's imports back to start, inside the knot.
    const cameFrom = new Map<string, string>();
    const queue = [start];
    let last: string | undefined;
    search: while (queue.length > 0) {
      const node = queue.shift()!;
      for (const next of graph.get(node) ?? []) {
        if (next === start) {
          last = node;
          break search;
        }
        if (members.has(next) && !cameFrom.has(next)) {
          cameFrom.set(next, node);
          queue.push(next);
        }
      }
    }
    if (last === undefined) {
      continue;
    }
    const path = [last];
    while (path[0] !== start) {
      path.unshift(cameFrom.get(path[0])!);
    }
    // One key per circle whichever file it starts at: rotate to its smallest file.
    const smallest = path.indexOf([...path].sort()[0]);
    const rotated = [...path.slice(smallest), ...path.slice(0, smallest)];
    circles.set(rotated.join('\n'), [...rotated, rotated[0]].map(shown).join(' → '));
  }
  // The shortest first: they say most plainly which import closes the circle.
  return [...circles.values()].sort((a, b) => a.split(' → ').length - b.split(' → ').length);
}

describe('the rooms table parser', () => {
  const doc = (rows: string) => `# A\n\n## The rooms of \`lib/\`\n\nText.\n\n| room | holds | imports |\n|---|---|---|\n${rows}\n\n## Next\n`;

  it('reads backticked rooms and nothing, and ignores notes in parentheses, backticked or not', () => {
    const table = readRoomsTable(
      doc(
        [
          '| `interfaces/` | leaf: the types | nothing |',
          '| `openrpc/` | `a | b` in code | `discovery/` (types), `interfaces/`, `http/` (the binder, for `getOpenRpcDocuments`) |',
          '| root | the module | `openrpc/` (notes (nested) too) |',
        ].join('\n'),
      ),
    );
    expect(table).toEqual(
      new Map([
        ['interfaces', new Set()],
        ['openrpc', new Set(['discovery', 'interfaces', 'http'])],
        ['root', new Set(['openrpc'])],
      ]),
    );
  });

  it('refuses prose it cannot check, naming the room', () => {
    expect(() => readRoomsTable(doc('| `dispatch/` | the pipeline | all rooms but `http/` |'))).toThrow(/cannot read the imports of 'dispatch'/);
    expect(() => readRoomsTable(doc('| `decorators/` | decorators | constants |'))).toThrow(/cannot read the imports of 'decorators'/);
    expect(() => readRoomsTable('# A\n')).toThrow(/no heading/);
  });
});

describe('lib/ keeps the rooms of docs/architecture.md', () => {
  const table = readRoomsTable(readFileSync(ARCHITECTURE, 'utf8'));
  const files = libFiles();

  it('has a row for every room of lib/, and every room the table names has one', () => {
    expect(files.length).toBeGreaterThan(20);
    const rooms = new Set(files.map(roomOf));
    const missing = [...rooms].filter(room => !table.has(room)).map(room => `lib/${shownRoom(room)} has no row in the rooms table`);
    const unknown = [...table].flatMap(([room, allowed]) =>
      [...allowed].filter(name => !table.has(name)).map(name => `the row of ${shownRoom(room)} names ${shownRoom(name)}, which has no row`),
    );
    expect([...missing, ...unknown]).toEqual([]);
  });

  it('imports only what its room may import', () => {
    const breaches = files.flatMap(file =>
      importsOf(file).flatMap(({ specifier, target }) => {
        if (target === null) {
          return /\.[mc]?[jt]s$|^[^.]*$|\/[^./]+$/.test(specifier) ? [`${shown(file)} imports '${specifier}', which resolves to no .ts file`] : [];
        }
        if (!target.startsWith(LIB + '/')) {
          return [];
        }
        const why = breach(table, file, target);
        return why ? [`${shown(file)} imports '${specifier}': ${why}`] : [];
      }),
    );
    expect(breaches).toEqual([]);
  });

  it('has no circle of imports between its files', () => {
    const graph = importGraph(files);
    const circles = knots(graph).flatMap(knot => {
      const each = circlesOf(knot, graph);
      return each.length > MAX_CIRCLES_SHOWN
        ? [
            ...each.slice(0, MAX_CIRCLES_SHOWN),
            `... and ${each.length - MAX_CIRCLES_SHOWN} more circles among these ${knot.length} files: ${knot.map(shown).join(', ')}`,
          ]
        : each;
    });
    expect(circles).toEqual([]);
  });
});
