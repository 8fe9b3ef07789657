import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { ALLOWED_HOST, HOSTILE_FUNCTIONS, HostileAppModule, SMALL_LIMIT } from '../fixtures/hostile.fixture.js';
import { createAdapterApp, HTTP_ADAPTERS, portOf } from '../support/adapters.js';
import { fuzzParameters, reportFuzzRuns } from '../support/fuzz-config.js';
import {
  contentType,
  headerValue,
  hostileJsonText,
  hostileNumberText,
  INHERITED_NAMES,
  isJsonTypeByProtocol,
} from '../support/hostile-arbitraries.js';
import { callText, post } from '../support/post.js';
import { expectWeeRpcAnswer } from '../support/weerpc-answer.js';

/** What the server should echo: the request's JSON, through one parse and one stringify. */
const echoed = (jsonText: string) => JSON.stringify(JSON.parse(jsonText));

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** Whether bytes are UTF-8 JSON (a leading BOM allowed), as docs/protocol.md row 5 reads. */
function isUtf8Json(bytes: Uint8Array): boolean {
  try {
    JSON.parse(strictUtf8.decode(bytes));
    return true;
  } catch {
    return false;
  }
}

/** Any function name: registered ones, inherited ones, and noise. */
const functionName = fc.oneof(fc.constantFrom(...HOSTILE_FUNCTIONS), fc.constantFrom(...INHERITED_NAMES), fc.string({ maxLength: 20 }));

describe.each(HTTP_ADAPTERS)('fuzzing the live endpoint (%s)', adapter => {
  let app: INestApplication;
  let port: number;

  beforeAll(async () => {
    app = await createAdapterApp(adapter, HostileAppModule);
    port = portOf(app);
  });
  afterAll(async () => {
    // The server must still serve after everything thrown at it.
    const alive = expectWeeRpcAnswer(await post(port, '/rpc', callText('echo', '"still here"')));
    expect(alive).toMatchObject({ ok: true, data: 'still here' });
    reportFuzzRuns(`fuzz (${adapter})`);
    await app.close();
  });

  it('answers any JSON body with a well-formed weeRPC answer', async () => {
    await fc.assert(
      fc.asyncProperty(hostileJsonText, async body => {
        expectWeeRpcAnswer(await post(port, '/rpc', body));
      }),
      fuzzParameters(500),
    );
  });

  it('answers any call, whatever its function, version and extra keys', async () => {
    const envelope = fc.record({
      version: fc.oneof(fc.constant('1.1'), fc.constant('1.10'), fc.constant('1.1e0'), hostileJsonText),
      fn: fc.oneof(
        functionName.map(name => JSON.stringify(name)),
        hostileJsonText,
      ),
      data: fc.option(hostileJsonText),
      extra: fc.array(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'x', 'function'), hostileJsonText), { maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(envelope, async ({ version, fn, data, extra }) => {
        const parts = [`"weerpc":${version}`, `"function":${fn}`, ...extra.map(([key, value]) => `"${key}":${value}`)];
        if (data !== null) {
          parts.push(`"data":${data}`);
        }
        const answer = expectWeeRpcAnswer(await post(port, '/rpc', `{${parts.join(',')}}`));
        const name: unknown = JSON.parse(`{${parts.join(',')}}`).function;
        if (typeof name === 'string' && !HOSTILE_FUNCTIONS.includes(name) && answer.message !== 'Invalid weerpc version.') {
          expect(answer.message).toBe('Invalid function.');
        }
      }),
      fuzzParameters(500),
    );
  });

  it('hands any data, keys named like Object.prototype included, to the function and back unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('echo', 'later'), hostileJsonText, async (fn, data) => {
        const answer = expectWeeRpcAnswer(await post(port, '/rpc', callText(fn, data)));
        expect(answer.ok).toBe(true);
        expect(JSON.stringify(answer.data)).toBe(echoed(data));
      }),
      fuzzParameters(500),
    );
  });

  it('answers arbitrary bytes', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 512 }),
      fc
        .tuple(
          fc.constantFrom('{"weerpc":1.1,"function":"echo","data":"', '{', '["', '\ufeff{'),
          fc.uint8Array({ maxLength: 64 }),
          fc.constantFrom('"}', '', '}'),
        )
        .map(([head, middle, tail]) => Buffer.concat([Buffer.from(head), middle, Buffer.from(tail)])),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async body => {
        const answer = expectWeeRpcAnswer(await post(port, '/rpc', Buffer.from(body)));
        if (!isUtf8Json(body)) {
          expect(answer.message).toBe('Request must be JSON.');
        }
      }),
      fuzzParameters(400),
    );
  });

  it('answers truncated bodies, and lets a client that hangs up early go', async () => {
    const truncated = fc.tuple(fc.constantFrom('echo', 'point', 'remember'), hostileJsonText).chain(([fn, data]) => {
      const text = Buffer.from(callText(fn, data));
      return fc.tuple(fc.constant(text), fc.nat({ max: text.length - 1 }), fc.boolean());
    });
    await fc.assert(
      fc.asyncProperty(truncated, async ([text, cut, hangUp]) => {
        const sent = text.subarray(0, cut);
        if (hangUp) {
          // Announces the whole body, sends part of it, then half-closes. The HTTP server itself
          // refuses the cut message (Node: a bare 400; Fastify: its JSON 400) or just closes.
          const exchange = await post(port, '/rpc', sent, { contentLength: text.length, endEarly: true });
          expect([null, 400]).toContain(exchange.status);
          expect(exchange.body).not.toMatch(/<html|\n\s+at /i);
        } else {
          const answer = expectWeeRpcAnswer(await post(port, '/rpc', sent));
          expect(answer.message).toBe('Request must be JSON.');
        }
      }),
      fuzzParameters(300),
    );
  });

  it('applies the JSON content-type rule to any Content-Type and charset', async () => {
    const encodings = fc.constantFrom<BufferEncoding>('utf8', 'utf16le', 'latin1');
    await fc.assert(
      fc.asyncProperty(contentType, encodings, fc.string({ unit: 'grapheme', maxLength: 10 }), async (type, encoding, text) => {
        const body = Buffer.from(callText('echo', JSON.stringify(text)), encoding);
        const answer = expectWeeRpcAnswer(await post(port, '/rpc', body, { headers: { 'Content-Type': type } }));
        if (!isJsonTypeByProtocol(type) || !isUtf8Json(body)) {
          expect(answer.message).toBe('Request must be JSON.');
        } else {
          expect(answer.data).toBe(JSON.parse(strictUtf8.decode(body)).data);
        }
      }),
      fuzzParameters(400),
    );
  });

  it('answers any Host and Cookie header, and host auth names the Host as sent', async () => {
    const cookie = fc.oneof(
      headerValue(60),
      fc.tuple(fc.constantFrom('connect.sid=', 'connect.sid=s%3A', 'connect.sid=s:'), headerValue(50)).map(([a, b]) => a + b),
    );
    const host = fc.oneof(headerValue(40), fc.constant(ALLOWED_HOST), fc.constant(ALLOWED_HOST.toUpperCase()));
    await fc.assert(
      fc.asyncProperty(host, cookie, async (hostHeader, cookieHeader) => {
        const headers = { Host: hostHeader, Cookie: cookieHeader };
        const hosted = expectWeeRpcAnswer(await post(port, '/rpc/hosted', callText('echo', '7'), { headers }));
        expect(hosted).toMatchObject(hostHeader === ALLOWED_HOST ? { ok: true, data: 7 } : { ok: false, message: `Unauthorized (${hostHeader})` });
        // No forged cookie gets a session that holds anything.
        const recalled = expectWeeRpcAnswer(await post(port, '/rpc', callText('recall'), { headers }));
        expect(recalled).toMatchObject({ ok: true, data: null });
      }),
      fuzzParameters(300),
    );
  });

  it('answers huge strings by size: served up to the limit, 413 beyond', async () => {
    const overhead = Buffer.byteLength(callText('echo', '""'));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 * SMALL_LIMIT }), async length => {
        const text = 'x'.repeat(length);
        const answer = expectWeeRpcAnswer(await post(port, '/rpc/small', callText('echo', JSON.stringify(text))));
        if (overhead + length <= SMALL_LIMIT) {
          expect(answer).toMatchObject({ ok: true, data: text });
        } else {
          expect(answer).toMatchObject({ status: 413, message: 'Request too large.' });
        }
      }),
      fuzzParameters(150),
    );
  });

  it('answers huge numbers as JSON reads them', async () => {
    await fc.assert(
      fc.asyncProperty(hostileNumberText, async number => {
        const answer = expectWeeRpcAnswer(await post(port, '/rpc', callText('echo', number)));
        expect(answer).toMatchObject({ ok: true, data: JSON.parse(echoed(number)) });
      }),
      fuzzParameters(150),
    );
  });

  it('never finds a function under a name inherited from Object.prototype', async () => {
    for (const name of INHERITED_NAMES) {
      const answer = expectWeeRpcAnswer(await post(port, '/rpc', callText(name, '[1]')));
      expect({ name, message: answer.message }).toEqual({ name, message: 'Invalid function.' });
    }
  });

  it('answers 10 000 levels of nesting (over maxDepth), as the whole body, as function, as data and as a DTO', async () => {
    const depth = 10_000;
    const shapes = {
      arrays: '['.repeat(depth) + ']'.repeat(depth),
      objects: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
      protoObjects: '{"__proto__":'.repeat(depth) + '{"polluted":1}' + '}'.repeat(depth),
    };
    for (const nested of Object.values(shapes)) {
      const whole = expectWeeRpcAnswer(await post(port, '/rpc', nested));
      expect(whole.message).toBe('Invalid request.');
      const asFunction = expectWeeRpcAnswer(await post(port, '/rpc', `{"weerpc":1.1,"function":${nested}}`));
      expect(asFunction.message).toBe('Invalid request.');
      for (const fn of ['echo', 'later', 'point', 'remember']) {
        // Refused before class-transformer, the function or the session see it (no stack overflow).
        const answer = expectWeeRpcAnswer(await post(port, '/rpc', callText(fn, nested)));
        expect({ fn, status: answer.status, message: answer.message }).toEqual({ fn, status: 200, message: 'Invalid request.' });
      }
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
