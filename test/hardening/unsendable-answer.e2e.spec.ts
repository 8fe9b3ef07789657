import { Injectable, Module } from '@nestjs/common';
import { RpcData, RpcFunction, RpcSession, WeeRpcModule } from 'nestjs-weerpc';
import { HTTP_ADAPTERS, useLiveApp } from '../support/adapters.js';
import { callText, post } from '../support/post.js';
import { expectWeeRpcAnswer } from '../support/weerpc-answer.js';

/** Builds `levels` of nesting itself (maxDepth refuses such a body, not what a function makes). */
@Injectable()
class DeepSessionService {
  @RpcFunction()
  rememberDeep(@RpcData() levels: number, @RpcSession() session: Record<string, unknown>) {
    let value: unknown[] = [];
    for (let level = 1; level < Math.min(levels, 20_000); level++) {
      value = [value];
    }
    session.value = value;
    return levels;
  }

  @RpcFunction()
  echo(data: unknown) {
    return data;
  }
}

@Module({ imports: [WeeRpcModule.forRoot({ path: 'rpc' })], providers: [DeepSessionService] })
class DeepSessionModule {}

/**
 * A function puts 10 000 levels of nesting into the session: the session middleware's save
 * (express-session hashes the session, @fastify/session serializes it in an onSend hook) blows
 * the stack while the answer is on its way out. Before the fix, Express left an unhandled
 * rejection (a crash under Node's default) and a client waiting forever; Fastify sent its own
 * 500 with "Maximum call stack size exceeded" in it.
 */
describe.each(HTTP_ADAPTERS)('an answer the session middleware cannot send (%s)', adapter => {
  const live = useLiveApp(adapter, DeepSessionModule);

  it('neither crashes nor hangs nor leaks the error, and the server serves on', async () => {
    const exchange = await post(live.port, '/rpc', callText('rememberDeep', '10000'), { timeoutMs: 3000 });
    if (exchange.status === null) {
      // Express: the session wrapper has already marked the response ended; closing is all that is left.
      expect(adapter).toBe('express');
    } else {
      expect(expectWeeRpcAnswer(exchange)).toMatchObject({ status: 500, message: 'Internal server error.' });
    }
    expect(exchange.body).not.toContain('call stack');
    const after = expectWeeRpcAnswer(await post(live.port, '/rpc', callText('echo', '"after"')));
    expect(after).toMatchObject({ ok: true, data: 'after' });
  });
});
