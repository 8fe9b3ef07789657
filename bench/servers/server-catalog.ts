/** Which adapter a bench server runs on; `node` is bare node:http. */
export type ServerAdapter = 'node' | 'express' | 'fastify';

/** What a bench server is: the baseline it stands for or the nestjs-weerpc set-up it measures. */
export type ServerKind = 'raw' | 'plain' | 'plain-guarded' | 'weerpc' | 'weerpc-guarded';

/** One server of the HTTP benchmark; `id` names it on the command line, in results and in the child. */
export interface ServerSpec {
  readonly id: string;
  readonly label: string;
  readonly adapter: ServerAdapter;
  readonly kind: ServerKind;
}

/** Every server, in the order of each round. Plain data: the driver must not load Nest. */
export const SERVERS: readonly ServerSpec[] = [
  { id: 'raw-http', label: 'node:http by hand', adapter: 'node', kind: 'raw' },
  { id: 'nest-express', label: 'Nest controller (Express)', adapter: 'express', kind: 'plain' },
  { id: 'nest-guarded-express', label: 'Nest controller + guard + interceptor (Express)', adapter: 'express', kind: 'plain-guarded' },
  { id: 'weerpc-express', label: 'nestjs-weerpc (Express)', adapter: 'express', kind: 'weerpc' },
  { id: 'weerpc-guarded-express', label: 'nestjs-weerpc + guard + interceptor (Express)', adapter: 'express', kind: 'weerpc-guarded' },
  { id: 'nest-fastify', label: 'Nest controller (Fastify)', adapter: 'fastify', kind: 'plain' },
  { id: 'nest-guarded-fastify', label: 'Nest controller + guard + interceptor (Fastify)', adapter: 'fastify', kind: 'plain-guarded' },
  { id: 'weerpc-fastify', label: 'nestjs-weerpc (Fastify)', adapter: 'fastify', kind: 'weerpc' },
  { id: 'weerpc-guarded-fastify', label: 'nestjs-weerpc + guard + interceptor (Fastify)', adapter: 'fastify', kind: 'weerpc-guarded' },
];
