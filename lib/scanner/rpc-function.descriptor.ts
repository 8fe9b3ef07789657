import type { ModuleRef } from '@nestjs/core';
import type { RpcAccessRules } from '../interfaces/rpc-access-rules.interface.js';
import type { RpcFunctionOptions } from '../interfaces/rpc-function-options.interface.js';

/** A provider whose instance depends on the request (request-scoped, durable or transient). */
export interface ScopedProviderRef {
  readonly token: unknown;
  /** The provider's own module, which resolves it per request. */
  readonly moduleRef: ModuleRef;
  /** The wrapper's id, so Nest finds the right per-context enhancers. */
  readonly wrapperId: string;
  /** A durable tree gets the strategy's payload as its REQUEST, not the request itself. */
  readonly durable: boolean;
}

/** A discovered `@RpcFunction` method, before it is wrapped and registered. */
export interface RpcFunctionDescriptor {
  readonly name: string;
  /** `Class#method`, for messages. */
  readonly place: string;
  readonly methodName: string;
  /** The class the method is read from, which carries its parameter metadata. */
  readonly type: Function;
  /** The class's and the method's own rules (the endpoint's are added later). */
  readonly access: RpcAccessRules;
  /** What `@RpcFunction({ ... })` says for the OpenRPC document. */
  readonly docs: RpcFunctionOptions;
  /** What the method runs on: one instance for the app's lifetime, or one resolved per request. */
  readonly host: { readonly instance: object } | { readonly scoped: ScopedProviderRef };
}
