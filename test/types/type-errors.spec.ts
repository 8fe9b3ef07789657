import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = process.cwd();
const TYPE_TESTS = join(ROOT, 'test', 'types', 'typed-client.types.ts');
const DIRECTIVE = /^\s*\/\/ @ts-expect-error\s*$/;

/** The lines (1-based) with a type error when `file` has `source` as its text. */
function errorLines(file: string, source: string): number[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: diagnostic => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  )!;
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = name => (name === file ? source : readFile(name));
  const program = ts.createProgram({ rootNames: [file], options: { ...config.options, noEmit: true }, host });
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map(diagnostic => diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start!).line + 1);
}

describe('typed client type tests', () => {
  it('each @ts-expect-error hides exactly one real error, on its next line', () => {
    const source = readFileSync(TYPE_TESTS, 'utf8');
    const lines = source.split('\n');
    const expected = lines.flatMap((line, index) => (DIRECTIVE.test(line) ? [index + 2] : []));
    expect(expected.length).toBeGreaterThanOrEqual(8);

    expect(errorLines(TYPE_TESTS, source)).toEqual([]);
    // Blank the directives (keeping line numbers): the errors they hid must show, and only those.
    const bare = lines.map(line => (DIRECTIVE.test(line) ? '' : line)).join('\n');
    expect(errorLines(TYPE_TESTS, bare)).toEqual(expected);
  });
});
