import type { INestApplication } from '@nestjs/common';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { DataPointType, type MetricData } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import request from 'supertest';
import { JsonRpcErrorCode } from 'nestjs-weerpc';
import { TracedAppModule } from '../fixtures/telemetry.fixture.js';
import { ADAPTERS, call, createTestApp } from '../support/create-app.js';
import { rpcRequest } from '../support/jsonrpc-bodies.js';
import { finishedSpans, HTTP_SPAN_NAME, registerTelemetrySdk, traceHttpRequests, type TelemetrySdk } from '../support/telemetry-sdk.js';

// Registered before any app boots, as `NodeSDK.start()` would be at the top of main.ts.
let sdk: TelemetrySdk;
beforeAll(() => {
  sdk = registerTelemetrySdk();
});
afterAll(() => sdk.shutdown());

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;

/** Sum of the data points of `name` whose attributes include `match`: counts for a histogram, values for a sum. */
function pointsOf(all: MetricData[], name: string, match: Record<string, unknown>): number {
  const metric = all.find(candidate => candidate.descriptor.name === name);
  if (!metric) {
    return 0;
  }
  let total = 0;
  for (const point of metric.dataPoints) {
    if (Object.entries(match).every(([key, value]) => point.attributes[key] === value)) {
      total += metric.dataPointType === DataPointType.HISTOGRAM ? (point.value as { count: number }).count : (point.value as number);
    }
  }
  return total;
}

describe.each(ADAPTERS)('OpenTelemetry spans and metrics per function call (%s)', adapter => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(TracedAppModule, { adapter });
    traceHttpRequests(app.getHttpServer());
  });
  afterAll(() => app.close());
  beforeEach(() => sdk.spans.reset());

  const post = (body: unknown) =>
    request(app.getHttpServer())
      .post('/rpc')
      .send(body as object);

  /** The HTTP span and the function spans of the one request just made. */
  async function spansOfRequest(): Promise<{ http: ReadableSpan; functions: ReadableSpan[] }> {
    const spans = await finishedSpans(sdk.spans);
    const http = spans.filter(span => span.name === HTTP_SPAN_NAME);
    expect(http).toHaveLength(1);
    return { http: http[0], functions: spans.filter(span => parentOf(span) === idOf(http[0])) };
  }

  it('opens a span named for the weeRPC function, a child of the HTTP span, with the RPC attributes', async () => {
    expect((await post(call('add', [1, 2, 3]))).body.data).toBe(6);
    const { http, functions } = await spansOfRequest();
    expect(functions).toHaveLength(1);
    const [span] = functions;
    expect(span.name).toBe('add');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.spanContext().traceId).toBe(http.spanContext().traceId);
    expect(span.attributes).toEqual({ 'rpc.system': 'weerpc', 'rpc.method': 'add' });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(sdk.spans.getFinishedSpans()).toHaveLength(2);
  });

  it('records the JSON-RPC id and version on a JSON-RPC call', async () => {
    expect((await post(rpcRequest('add', [4, 5], 42))).body.result).toBe(9);
    const { functions } = await spansOfRequest();
    expect(functions.map(span => [span.name, span.attributes])).toEqual([
      ['add', { 'rpc.system': 'jsonrpc', 'rpc.method': 'add', 'jsonrpc.protocol.version': '2.0', 'jsonrpc.request.id': '42' }],
    ]);
  });

  it('marks a thrown exception as an ERROR with its JSON-RPC code, message and error type', async () => {
    expect((await post(rpcRequest('refuse', [], 'r-1'))).body.error.code).toBe(JsonRpcErrorCode.Rejected);
    const [span] = (await spansOfRequest()).functions;
    expect(span.name).toBe('refuse');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'No entry' });
    expect(span.attributes).toMatchObject({
      'rpc.system': 'jsonrpc',
      'jsonrpc.request.id': 'r-1',
      'error.type': 'rejected',
      'rpc.jsonrpc.error_code': JsonRpcErrorCode.Rejected,
      'rpc.jsonrpc.error_message': 'No entry',
    });
  });

  it("marks a function's own RpcResponse.fail as an ERROR of type function-failed", async () => {
    expect((await post(call('decline'))).body.ok).toBe(false);
    const [span] = (await spansOfRequest()).functions;
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Declined' });
    expect(span.attributes).toEqual({ 'rpc.system': 'weerpc', 'rpc.method': 'decline', 'error.type': 'function-failed' });
  });

  it('names the span of an unknown function _OTHER, never with the name the client sent', async () => {
    await post(rpcRequest('no_such_function_' + 'x'.repeat(50), [], 3));
    const [span] = (await spansOfRequest()).functions;
    expect(span.name).toBe('_OTHER');
    expect(span.attributes).toMatchObject({
      'rpc.method': '_OTHER',
      'error.type': 'invalid-function',
      'rpc.jsonrpc.error_code': JsonRpcErrorCode.MethodNotFound,
      'rpc.jsonrpc.error_message': 'Method not found',
    });
  });

  it('makes the function span the active one while it runs: spans the function opens are its children', async () => {
    expect((await post(call('nested'))).body.data).toBe('nested');
    const { functions } = await spansOfRequest();
    expect(functions.map(span => span.name)).toEqual(['nested']);
    const inner = sdk.spans.getFinishedSpans().filter(span => span.name === 'inner work');
    expect(inner).toHaveLength(1);
    expect(parentOf(inner[0])).toBe(idOf(functions[0]));
  });

  it('gives each element of a batch its own span, all siblings under the HTTP span', async () => {
    const answer = await post([rpcRequest('add', [1], 1), rpcRequest('refuse', [], 2), rpcRequest('nested', [], 3), rpcRequest('add', [2])]);
    expect(answer.body).toHaveLength(3);
    const { functions } = await spansOfRequest();
    expect(functions.map(span => span.name).sort()).toEqual(['add', 'add', 'nested', 'refuse']);
    expect(new Set(functions.map(idOf)).size).toBe(4);
    const byId = Object.fromEntries(functions.map(span => [span.attributes['jsonrpc.request.id'] ?? 'notification', span]));
    expect(byId['2'].status.code).toBe(SpanStatusCode.ERROR);
    expect(byId['1'].status.code).toBe(SpanStatusCode.UNSET);
    expect(byId['notification'].attributes['jsonrpc.request.id']).toBeUndefined();
    // Only the HTTP span and the batch's spans (and the one the nested function opened): no span between.
    expect(sdk.spans.getFinishedSpans()).toHaveLength(6);
  });

  it('counts each call per function and outcome, and records its duration in ms', async () => {
    const before = await sdk.collectMetrics();
    await post(call('add', [1]));
    await post(call('add', [2]));
    await post([rpcRequest('add', [3], 1), rpcRequest('refuse', [], 2)]);
    await post(call('decline'));
    const after = await sdk.collectMetrics();
    const delta = (name: string, match: Record<string, unknown>) => pointsOf(after, name, match) - pointsOf(before, name, match);

    expect(delta('weerpc.server.calls', { 'rpc.system': 'weerpc', 'rpc.method': 'add', 'weerpc.outcome': 'ok' })).toBe(2);
    expect(delta('weerpc.server.calls', { 'rpc.system': 'jsonrpc', 'rpc.method': 'add', 'weerpc.outcome': 'ok' })).toBe(1);
    expect(
      delta('weerpc.server.calls', { 'rpc.system': 'jsonrpc', 'rpc.method': 'refuse', 'weerpc.outcome': 'error', 'error.type': 'rejected' }),
    ).toBe(1);
    expect(delta('weerpc.server.calls', { 'rpc.method': 'decline', 'weerpc.outcome': 'error', 'error.type': 'function-failed' })).toBe(1);
    expect(delta('rpc.server.duration', { 'rpc.method': 'add' })).toBe(3);
    expect(delta('rpc.server.duration', {})).toBe(5);

    const duration = after.find(metric => metric.descriptor.name === 'rpc.server.duration')!;
    expect(duration.dataPointType).toBe(DataPointType.HISTOGRAM);
    expect(duration.descriptor.unit).toBe('ms');
    const okAdd = duration.dataPoints.find(point => point.attributes['rpc.method'] === 'add' && point.attributes['rpc.system'] === 'weerpc')!;
    const histogram = okAdd.value as { min?: number; max?: number; sum: number };
    expect(histogram.min).toBeGreaterThan(0);
    // Milliseconds, not seconds or nanoseconds: a local call takes well under a second.
    expect(histogram.max).toBeLessThan(1000);
  });
});
