import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { OpenRpcDocument } from '../openrpc/openrpc-document.interface.js';
import { BootstrapMessages } from '../weerpc.messages.js';
import { normalizeEndpointPath } from './endpoint-path.js';
import type { RpcEndpoint } from './rpc-endpoint.interface.js';
import { WeeRpcEndpointsBuilder } from './weerpc-endpoints.builder.js';

/**
 * The one owner of the built endpoints: built once in its own `onModuleInit` (Nest runs it before
 * the hooks of the surfaces, which depend on it), then read by every surface and by
 * `getOpenRpcDocuments`.
 */
@Injectable()
export class WeeRpcEndpoints implements OnModuleInit {
  private built?: readonly RpcEndpoint[];
  private readonly paths = new Map<string, RpcEndpoint>();

  constructor(private readonly builder: WeeRpcEndpointsBuilder) {}

  onModuleInit(): void {
    this.built = this.builder.build();
    for (const endpoint of this.built) {
      this.paths.set(normalizeEndpointPath(endpoint.path), endpoint);
    }
  }

  /** Every endpoint, `forRoot`'s first. */
  all(): readonly RpcEndpoint[] {
    if (!this.built) {
      throw new Error(BootstrapMessages.endpointsNotBuilt);
    }
    return this.built;
  }

  /** The endpoint served at a path (global prefix included; any case, trailing slash optional). */
  byPath(path: string): RpcEndpoint | undefined {
    return this.paths.get(normalizeEndpointPath(path));
  }

  /** The OpenRPC document of each endpoint with `discovery` on, by path. */
  documents(): Record<string, OpenRpcDocument> {
    return Object.fromEntries(this.all().flatMap(({ path, discovery }) => (discovery ? [[path, discovery.document]] : [])));
  }
}
