import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { OpenRpcDocument } from '../openrpc/openrpc-document.interface.js';
import { normalizeEndpointPath } from './endpoint-path.js';
import type { RpcEndpoint } from './rpc-endpoint.interface.js';
import { WeeRpcEndpointsBuilder } from './weerpc-endpoints.builder.js';

/**
 * The one owner of the built endpoints, read by every surface and by `getOpenRpcDocuments`. Built
 * once, in its own `onModuleInit` (Nest runs it before the hooks of the surfaces, which depend on
 * it), or on the first read if a surface starts before the application initialises (a microservice
 * started with `app.startAllMicroservices()` before `app.listen()`).
 */
@Injectable()
export class WeeRpcEndpoints implements OnModuleInit {
  private built?: readonly RpcEndpoint[];
  private readonly paths = new Map<string, RpcEndpoint>();

  constructor(private readonly builder: WeeRpcEndpointsBuilder) {}

  onModuleInit(): void {
    this.all();
  }

  /** Whether the endpoints are built (the application initialised, or a surface read them): readiness asks. */
  get isBuilt(): boolean {
    return this.built !== undefined;
  }

  /** Every endpoint, `forRoot`'s first. */
  all(): readonly RpcEndpoint[] {
    return this.built ?? this.build();
  }

  /** The endpoint served at a path (global prefix included; any case, trailing slash optional). */
  byPath(path: string): RpcEndpoint | undefined {
    this.all();
    return this.paths.get(normalizeEndpointPath(path));
  }

  private build(): readonly RpcEndpoint[] {
    const built = this.builder.build();
    for (const endpoint of built) {
      this.paths.set(normalizeEndpointPath(endpoint.path), endpoint);
    }
    this.built = built;
    return built;
  }

  /** The OpenRPC document of each endpoint with `discovery` on, by path. */
  documents(): Record<string, OpenRpcDocument> {
    return Object.fromEntries(this.all().flatMap(({ path, discovery }) => (discovery ? [[path, discovery.document]] : [])));
  }
}
