/**
 * The MCP Inspector's CLI (`@modelcontextprotocol/inspector`, a dev dependency) against the running
 * sample, as docs/mcp.md tells users to run it: it lists the tools of /rpc/mcp and calls add_numbers.
 * The Inspector is a child process that knows nothing of this repository.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startSample, type RunningSample } from './sample-app.fixture.js';

const INSPECTOR_PACKAGE = createRequire(import.meta.url).resolve('@modelcontextprotocol/inspector/package.json');
const INSPECTOR = join(dirname(INSPECTOR_PACKAGE), 'clients/launcher/build/index.js');

/** `npx @modelcontextprotocol/inspector --cli <url> ...args`, its JSON output parsed. */
function inspector(url: string, ...args: string[]): Promise<unknown> {
  // Without the test runner's NODE_OPTIONS (--experimental-vm-modules warns on stderr).
  const { NODE_OPTIONS: _, ...env } = process.env;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [INSPECTOR, '--cli', url, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`the Inspector failed: ${error.message}\n${stderr}`));
        return;
      }
      resolve(JSON.parse(stdout));
    });
  });
}

describe('the MCP Inspector CLI against the sample', () => {
  let sample: RunningSample;

  beforeAll(async () => {
    sample = await startSample();
  });
  afterAll(() => sample.close());

  it('lists the tools of /rpc/mcp', async () => {
    const { tools } = (await inspector(`${sample.url}/rpc/mcp`, '--method', 'tools/list')) as { tools: { name: string }[] };
    expect(tools.map(tool => tool.name)).toEqual(['add_numbers', 'add_string', 'count_to']);
  }, 70_000);

  it('calls add_numbers', async () => {
    const result = await inspector(`${sample.url}/rpc/mcp`, '--method', 'tools/call', '--tool-name', 'add_numbers', '--tool-arg', 'data=[1,2,3]');
    expect(result).toEqual({ content: [{ type: 'text', text: '6' }], structuredContent: { result: 6 } });
  }, 70_000);
});
