import { fastifySession, type FastifySessionOptions } from '@fastify/session';
import type { FastifyInstance, FastifyPluginCallback, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { reportStoreFailure } from './store-failure.report.js';

type Done = (error?: Error | null, payload?: unknown) => void;
type RequestHook = (request: FastifyRequest, reply: FastifyReply, done: Done) => void;
type SendHook = (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: Done) => void;

/**
 * Fastify: @fastify/session, registered so that a failing store (Redis away) costs the request its
 * session and nothing else, as `failClosedSessions` does for Express. @fastify/session hands a
 * store error to its hook's `done`, which would end the request in a 500; here the hooks are
 * wrapped as the plugin adds them:
 * - loading the session (`onRequest`) fails: the request goes on with `request.session` null, so
 *   session rules fail closed (`Unauthorized.`), open functions answer, and login says sessions
 *   are unavailable; the client's cookie is left alone, for when the store is back;
 * - saving it (`onSend`) fails: the answer is sent as it is, without a session cookie.
 * Registered under @fastify/session's name, so plugins that depend on it find it.
 */
export const failClosedFastifySessions: FastifyPluginCallback<FastifySessionOptions> = fastifyPlugin(
  (fastify: FastifyInstance, options: FastifySessionOptions, done: (error?: Error) => void) => {
    fastifySession(withFailClosedHooks(fastify), options, done);
  },
  { fastify: '5.x', name: '@fastify/session', dependencies: ['@fastify/cookie'] },
);

/** `fastify` as the plugin sees it: the same instance, whose `addHook` wraps the session's hooks. */
function withFailClosedHooks(fastify: FastifyInstance): FastifyInstance {
  // Typed loosely: the plugin adds an onRequest and an onSend hook, each wrapped with its own shape.
  const addHook = (name: string, hook: RequestHook | SendHook) =>
    fastify.addHook(name as 'onRequest', wrapHook(name, hook) as unknown as onRequestHookHandler);
  return new Proxy(fastify, {
    get(target, key) {
      if (key === 'addHook') {
        return addHook;
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function wrapHook(name: string, hook: RequestHook | SendHook): RequestHook | SendHook {
  if (name === 'onRequest') {
    const loadSession = hook as RequestHook;
    return (request: FastifyRequest, reply: FastifyReply, done: Done) =>
      loadSession(request, reply, error => {
        if (error) {
          reportStoreFailure(error);
          (request as { session: unknown }).session = null;
        }
        done();
      });
  }
  if (name === 'onSend') {
    const saveSession = hook as SendHook;
    return (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: Done) =>
      saveSession(request, reply, payload, error => {
        if (error) {
          reportStoreFailure(error);
        }
        done(null, payload);
      });
  }
  return hook;
}
