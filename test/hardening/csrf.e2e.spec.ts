import { HostileAppModule } from '../fixtures/hostile.fixture.js';
import { HTTP_ADAPTERS, useLiveApp } from '../support/adapters.js';
import { callText, post } from '../support/post.js';
import { postHead, socketExchange } from '../support/raw-socket.js';
import { expectWeeRpcAnswer } from '../support/weerpc-answer.js';

/** What a cross-site page can send without a preflight: CORS-safelisted Content-Types. */
const SIMPLE_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'];

describe.each(HTTP_ADAPTERS)('cross-site requests with a session cookie (%s)', adapter => {
  const live = useLiveApp(adapter, HostileAppModule);
  let cookie: string;
  beforeAll(async () => {
    const opened = await post(live.port, '/rpc', callText('remember', '"mine"'));
    cookie = String(opened.headers['set-cookie']).split(';')[0];
  });

  it('cannot run a function with a form or a simple fetch: nothing in the session changes', async () => {
    for (const type of SIMPLE_TYPES) {
      const forged = await post(live.port, '/rpc', callText('remember', '"forged"'), {
        headers: { 'Content-Type': type, Cookie: cookie, Origin: 'https://evil.example' },
      });
      expect(expectWeeRpcAnswer(forged)).toMatchObject({ ok: false, message: 'Request must be JSON.' });
    }
    const recalled = expectWeeRpcAnswer(await post(live.port, '/rpc', callText('recall'), { headers: { Cookie: cookie } }));
    expect(recalled.data).toBe('mine');
  });

  it('gives the JSON preflight no CORS permission, so the browser never sends the POST', async () => {
    const head = postHead(
      '/rpc',
      [
        `Host: 127.0.0.1:${live.port}`,
        'Origin: https://evil.example',
        'Access-Control-Request-Method: POST',
        'Access-Control-Request-Headers: content-type',
      ],
      0,
    ).replace(/^POST /, 'OPTIONS ');
    const preflight = await socketExchange(live.port, head, Buffer.alloc(0));
    expect(preflight.status).not.toBeNull();
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
  });
});
