import { Client, HTTPTransport, RequestManager } from '@open-rpc/client-js';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { generateApiTypes, getOpenRpcDocuments, type OpenRpcDocument } from 'nestjs-weerpc';
import { call } from '../support/create-app.js';
import { openRpcToolingErrors } from '../support/openrpc-validator.js';
import { startSample, type RunningSample } from './sample-app.fixture.js';

/** The sample's endpoints, in the order `npm run sample:api` hands their documents to the CLI. */
const ENDPOINTS: Record<string, string> = {
  '/rpc': 'tester.json',
  '/rpc/auth/login': 'auth-login.json',
  '/rpc/auth': 'auth.json',
  '/rpc/clients': 'clients.json',
  '/rpc/notifications': 'notifications.json',
};
const REPOSITORY = new URL('../../', import.meta.url);

describe('sample: the OpenRPC documents of its endpoints', () => {
  let sample: RunningSample;
  const documents: Record<string, OpenRpcDocument> = {};
  beforeAll(async () => {
    sample = await startSample();
    // The protected endpoints show their documents to a logged-in session only, like their functions.
    const agent = request.agent(sample.url);
    await agent.post('/rpc/auth/login').send(call('login', { username: 'ada' }));
    for (const path of Object.keys(ENDPOINTS)) {
      const res = await agent.get(`${path}/openrpc.json`);
      expect([path, res.status]).toEqual([path, 200]);
      documents[path] = JSON.parse(res.text) as OpenRpcDocument;
    }
  });
  afterAll(() => sample.close());

  it.each(Object.keys(ENDPOINTS))("the served document of %s passes OpenRPC's own validator, formats checked", async path => {
    expect(await openRpcToolingErrors(documents[path])).toEqual([]);
    expect(documents[path].servers).toEqual([{ name: path, url: `${sample.url}${path}` }]);
  });

  it("serves the documents getOpenRpcDocuments() returns, but for the server URL on the request's origin", async () => {
    const written = getOpenRpcDocuments(sample.app);
    for (const path of Object.keys(ENDPOINTS)) {
      expect(await openRpcToolingErrors(written[path])).toEqual([]);
      expect(written[path].servers).toEqual([{ name: path, url: `http://origin.invalid${path}` }]);
      expect({ ...written[path], servers: documents[path].servers }).toEqual(documents[path]);
    }
  });

  it("refuses a protected endpoint's document to a caller without a session, as it refuses its calls", async () => {
    const refused = await request(sample.url).get('/rpc/clients/openrpc.json');
    const refusedCall = await request(sample.url).post('/rpc/clients').send(call('list'));
    expect(refused.text).toBe(refusedCall.text);
    expect(refused.body.message).toBe('Unauthorized.');
  });

  it('@open-rpc/client-js calls add_numbers from the document rpc.discover answers', async () => {
    const discover = new Client(new RequestManager([new HTTPTransport(`${sample.url}/rpc`)]));
    const document = (await discover.request({ method: 'rpc.discover' })) as OpenRpcDocument;
    expect(document).toEqual(getOpenRpcDocuments(sample.app)['/rpc']);
    const method = document.methods.find(candidate => candidate.name === 'add_numbers')!;
    // The data is the method's one `data` param; JSON-RPC sends the data itself as `params`.
    expect(method.paramStructure).toBe('by-position');
    const [example] = method.examples!;
    // rpc.discover knows no origin (the unknown one stands in): the client calls where it discovered.
    expect(document.servers[0].url).toBe('http://origin.invalid/rpc');
    const client = new Client(new RequestManager([new HTTPTransport(new URL(new URL(document.servers[0].url).pathname, sample.url).href)]));
    const result = await client.request({ method: method.name, params: example.params[0].value as number[] });
    expect(result).toBe(6);
    expect(result).toEqual(example.result.value);
    client.close();
    discover.close();
  });

  it('`nestjs-weerpc types <url> -o file` (the package bin, built) writes the types of a served document', async () => {
    const cli = new URL('dist/cli/nestjs-weerpc.cli.js', REPOSITORY).pathname;
    const dir = mkdtempSync(join(tmpdir(), 'weerpc-types-'));
    try {
      const out = join(dir, 'api.generated.ts');
      await promisify(execFile)(process.execPath, [cli, 'types', `${sample.url}/rpc/openrpc.json`, '-o', out]);
      const text = readFileSync(out, 'utf8');
      expect(text).toBe(generateApiTypes([documents['/rpc']]));
      expect(text).toContain('add_numbers: (data: number[]) => number;');
      expect(text).toContain('export type Api = TesterApi;');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sample/api.ts is what `npm run sample:api` generates from these documents (fails when stale)', () => {
    const unknownOrigin = getOpenRpcDocuments(sample.app);
    const committed = readFileSync(new URL('sample/api.ts', REPOSITORY), 'utf8');
    // The same types from the written documents and from the served ones: keyed by path, not origin.
    expect(committed).toBe(generateApiTypes(Object.keys(ENDPOINTS).map(path => unknownOrigin[path])));
    expect(committed).toBe(generateApiTypes(Object.keys(ENDPOINTS).map(path => documents[path])));
    for (const [path, file] of Object.entries(ENDPOINTS)) {
      const written = JSON.parse(readFileSync(new URL(`sample/openrpc/${file}`, REPOSITORY), 'utf8')) as unknown;
      expect([file, written]).toEqual([file, unknownOrigin[path]]);
    }
  });
});
