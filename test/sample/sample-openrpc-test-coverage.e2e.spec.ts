import * as testCoverageModule from '@open-rpc/test-coverage';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import type { OpenRpcDocument } from 'nestjs-weerpc';
import { sampleHosts } from '../../sample/sample.config.js';
import { call } from '../support/create-app.js';
import { startSample, type RunningSample } from './sample-app.fixture.js';

/** What this spec reads of a call test-coverage made (its `Call`). */
interface CoverageCall {
  title: string;
  methodName: string;
  params: unknown;
  result?: unknown;
  error?: unknown;
  valid?: boolean;
  reason?: string;
}
type TestCoverage = (options: {
  openrpcDocument: unknown;
  transport: (url: string, method: string, params: unknown) => Promise<unknown>;
  reporters: object[];
  skip: string[];
  only: string[];
}) => Promise<CoverageCall[]>;

/** The CommonJS module's default export (`exports.default`), however the ESM loader hands it over. */
const loaded = testCoverageModule as unknown as { default: TestCoverage | { default: TestCoverage } };
const testCoverage: TestCoverage = typeof loaded.default === 'function' ? loaded.default : loaded.default.default;

/**
 * A weeRPC transport for @open-rpc/test-coverage. Its own HTTP transport POSTs JSON-RPC to the
 * document's server URL (absolute, on the origin the document was fetched from), but cannot carry
 * a session or choose the Host header. The root endpoint speaks weeRPC first, and its string-taking
 * functions cannot be reached over JSON-RPC at all (JSON-RPC params are an array or an object),
 * so the calls go as weeRPC, the data built as docs/openrpc.md says: a by-name method's params
 * object, or a by-position method's one `data` param. The caller is one the functions' rules let
 * in: a logged-in session, and a Host from the allowed list (the document names both rules).
 */
function weeRpcTransport(document: OpenRpcDocument, base: string, cookie: string) {
  const byName = new Map(document.methods.map(method => [method.name, method.paramStructure === 'by-name']));
  return (url: string, method: string, params: unknown) => {
    const data = byName.get(method) ? params : (params as unknown[])[0];
    const body = JSON.stringify(call(method, data));
    const target = new URL(url, base);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        target,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', host: sampleHosts()[1], cookie, 'content-length': Buffer.byteLength(body) },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () => {
            const answer = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            resolve(answer.ok ? { result: answer.data } : { error: { code: -32000, message: answer.message, data: answer.data } });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
}

/** A reporter that says nothing (its 'empty' reporter still logs each call); the spec reads the calls. */
const QUIET = { onBegin() {}, onTestBegin() {}, onTestEnd() {}, onEnd() {} };

describe('sample: @open-rpc/test-coverage against the root endpoint with its own document', () => {
  let sample: RunningSample;
  beforeAll(async () => {
    sample = await startSample();
  });
  afterAll(() => sample.close());

  it('passes every call of its default rules (generated params, examples), no method skipped', async () => {
    const document = (await request(sample.url).get('/rpc/openrpc.json')).body as OpenRpcDocument;
    const login = await request(sample.url)
      .post('/rpc/auth/login')
      .send(call('login', { username: 'coverage' }));
    const cookie = (login.headers['set-cookie'] as unknown as string[]).map(line => line.split(';')[0]).join('; ');
    const calls: CoverageCall[] = await testCoverage({
      openrpcDocument: document,
      transport: weeRpcTransport(document, sample.url, cookie),
      reporters: [QUIET],
      skip: [],
      only: [],
    });
    const failed = calls
      .filter(entry => entry.valid !== true)
      .map(({ title, methodName, params, result, error, reason }) => ({ title, methodName, params, result, error, reason }));
    expect(failed).toEqual([]);
    // Every method was called: 10 generated calls each, or one per example.
    expect(new Set(calls.map(entry => entry.methodName))).toEqual(new Set(document.methods.map(method => method.name)));
    const expected = document.methods.reduce((sum, method) => sum + ((method as { examples?: unknown[] }).examples?.length || 10), 0);
    expect(calls.length).toBe(expected);
  });
});
