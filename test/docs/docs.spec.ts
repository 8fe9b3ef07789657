import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The documentation holds: every relative link and #anchor of README.md, docs/*.md and
 * sample/README.md resolves, and every complete ```ts block of the docs type-checks against the
 * built package (dist/, which `npm test` builds before jest). Blocks fenced ```ts partial are
 * excerpts and are not compiled (docs/README.md says so).
 */

const ROOT = process.cwd();
const DOCS_DIR = join(ROOT, 'docs');
const DOC_PAGES = readdirSync(DOCS_DIR)
  .filter(name => name.endsWith('.md'))
  .map(name => join(DOCS_DIR, name));
const MARKDOWN_FILES = [join(ROOT, 'README.md'), ...DOC_PAGES, join(ROOT, 'sample', 'README.md')];

interface Fence {
  readonly info: string;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

/** The fenced code blocks of a Markdown text, and the text outside them (code lines blanked, so line numbers hold). */
function splitFences(text: string): { prose: string; fences: Fence[] } {
  const lines = text.split('\n');
  const fences: Fence[] = [];
  const prose: string[] = [];
  let open: { marker: string; info: string; line: number; body: string[] } | undefined;
  lines.forEach((line, index) => {
    const fence = /^\s*(`{3,}|~{3,})(.*)$/.exec(line);
    if (!open && fence) {
      open = { marker: fence[1], info: fence[2].trim(), line: index + 1, body: [] };
      prose.push('');
    } else if (open && fence && fence[1].startsWith(open.marker) && fence[2].trim() === '') {
      fences.push({ info: open.info, code: open.body.join('\n'), line: open.line });
      open = undefined;
      prose.push('');
    } else if (open) {
      open.body.push(line);
      prose.push('');
    } else {
      prose.push(line);
    }
  });
  if (open) {
    throw new Error(`Unclosed code fence at line ${open.line}`);
  }
  return { prose: prose.join('\n'), fences: fences.map(dedent) };
}

/** A fence indented inside a list item keeps its indentation in the body: strip the common part. */
function dedent(fence: Fence): Fence {
  const lines = fence.code.split('\n');
  const indents = lines.filter(line => line.trim() !== '').map(line => /^ */.exec(line)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return { ...fence, code: lines.map(line => line.slice(cut)).join('\n') };
}

/** GitHub's heading anchor: lower case, punctuation dropped (but `-` and `_`), spaces as dashes; repeats get -1, -2. */
function headingSlugs(text: string): Set<string> {
  const slugs = new Set<string>();
  const counts = new Map<string, number>();
  for (const line of splitFences(text).prose.split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) {
      continue;
    }
    const visible = heading[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
      .replace(/<[^>]+>/g, ''); // inline HTML tags
    const base = visible
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const seen = counts.get(base) ?? 0;
    slugs.add(seen === 0 ? base : `${base}-${seen}`);
    counts.set(base, seen + 1);
  }
  return slugs;
}

interface Link {
  readonly file: string;
  readonly line: number;
  readonly target: string;
}

/** Every link and image target of the prose (inline `[text](target)` and `<img src>`), code excluded. */
function linksOf(file: string): Link[] {
  const { prose } = splitFences(readFileSync(file, 'utf8'));
  const links: Link[] = [];
  prose.split('\n').forEach((line, index) => {
    const withoutCode = line.replace(/`[^`]*`/g, '');
    for (const match of withoutCode.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ file, line: index + 1, target: match[1] });
    }
    for (const match of withoutCode.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)) {
      links.push({ file, line: index + 1, target: match[1] });
    }
  });
  return links;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** Why a relative link does not resolve, or null when it does. */
function brokenReason({ file, target }: Link): string | null {
  const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
  const resolved = pathPart === '' ? file : resolve(dirname(file), decodeURIComponent(pathPart));
  if (!resolved.startsWith(ROOT + '/') && resolved !== ROOT) {
    return 'points outside the repository';
  }
  if (!existsSync(resolved)) {
    return 'no such file';
  }
  if (anchor === undefined) {
    return null;
  }
  if (!resolved.endsWith('.md') || statSync(resolved).isDirectory()) {
    return 'an anchor into a file that is not Markdown';
  }
  return headingSlugs(readFileSync(resolved, 'utf8')).has(anchor.toLowerCase()) ? null : `no heading with the anchor #${anchor}`;
}

interface TsBlock {
  readonly name: string;
  readonly code: string;
}

/** The complete TypeScript blocks of the docs (```ts or ```typescript with nothing after it). */
function completeTsBlocks(files: readonly string[]): TsBlock[] {
  return files.flatMap(file =>
    splitFences(readFileSync(file, 'utf8'))
      .fences.filter(fence => fence.info === 'ts' || fence.info === 'typescript')
      .map(fence => ({ name: `${relative(ROOT, file)}:${fence.line}`, code: fence.code })),
  );
}

/** Type-checks the blocks as one program against dist/; returns the diagnostics per block. */
function typeCheck(blocks: readonly TsBlock[]): Map<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'weerpc-docs-'));
  try {
    // The blocks import Nest and friends as an app would: from this repository's node_modules.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    const files = blocks.map((block, index) => {
      const path = join(dir, `block-${String(index).padStart(3, '0')}.ts`);
      // Each block is a module of its own, even one without imports or exports.
      writeFileSync(path, `${block.code}\nexport {};\n`);
      return { path, block };
    });
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      strict: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      useDefineForClassFields: false,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      paths: {
        'nestjs-weerpc': [join(ROOT, 'dist', 'index.d.ts')],
        'nestjs-weerpc/client': [join(ROOT, 'dist', 'client', 'index.d.ts')],
        'nestjs-weerpc/microservices': [join(ROOT, 'dist', 'microservice', 'index.d.ts')],
        'nestjs-weerpc/terminus': [join(ROOT, 'dist', 'health', 'index.d.ts')],
      },
    };
    const program = ts.createProgram({ rootNames: files.map(file => file.path), options });
    const byBlock = new Map<string, string[]>();
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      const owner = files.find(file => diagnostic.file && resolve(diagnostic.file.fileName) === resolve(file.path));
      const key = owner?.block.name ?? diagnostic.file?.fileName ?? '(global)';
      const position =
        diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
      const where = position ? `line ${position.line + 1} of the block: ` : '';
      byBlock.set(key, [...(byBlock.get(key) ?? []), where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')]);
    }
    return byBlock;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the documentation', () => {
  it('has the pages the README lists, and the README stays short', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
    expect(readme).toContain(
      'Host auth is an allow-list against DNS rebinding and misrouted traffic, not client authentication: any client can send any Host header',
    );
    expect(DOC_PAGES.map(page => relative(ROOT, page))).toContain('docs/protocol.md');
    const linked = new Set(linksOf(join(ROOT, 'README.md')).map(link => link.target.split('#')[0]));
    const unlinked = DOC_PAGES.map(page => relative(ROOT, page)).filter(page => !linked.has(page));
    expect(unlinked).toEqual([]);
  });

  it('resolves every relative link and #anchor', () => {
    const links = MARKDOWN_FILES.flatMap(linksOf).filter(link => !isExternal(link.target));
    expect(links.length).toBeGreaterThan(50);
    expect(links.filter(link => link.target.includes('#')).length).toBeGreaterThan(10);
    const broken = links
      .map(link => ({ link, reason: brokenReason(link) }))
      .filter(({ reason }) => reason !== null)
      .map(({ link, reason }) => `${relative(ROOT, link.file)}:${link.line} ${link.target}: ${reason}`);
    expect(broken).toEqual([]);
  });

  it('computes anchors as GitHub does', () => {
    const slugs = headingSlugs('# `@RpcFunction(name?)`\n## Host auth: an allow-list\n## Host auth: an allow-list\n### JSON-RPC 2.0 [spec](x)\n');
    expect([...slugs]).toEqual(['rpcfunctionname', 'host-auth-an-allow-list', 'host-auth-an-allow-list-1', 'json-rpc-20-spec']);
  });

  it('type-checks every complete ```ts block against the built package', () => {
    expect(existsSync(join(ROOT, 'dist', 'index.d.ts'))).toBe(true);
    const blocks = completeTsBlocks([join(ROOT, 'README.md'), ...DOC_PAGES]);
    expect(blocks.length).toBeGreaterThan(10);
    const failures = [...typeCheck(blocks)].map(([block, messages]) => `${block}\n  ${messages.join('\n  ')}`);
    expect(failures).toEqual([]);
  });

  it('would catch a block that does not compile', () => {
    const failures = typeCheck([
      { name: 'bad.md:1', code: "import { RpcFunction } from 'nestjs-weerpc';\nRpcFunction(42);" },
      { name: 'good.md:1', code: "import { weerpc } from 'nestjs-weerpc/client';\nconst body: string = weerpc('add_numbers', [1, 2, 3]);" },
    ]);
    expect([...failures.keys()]).toEqual(['bad.md:1']);
  });
});
