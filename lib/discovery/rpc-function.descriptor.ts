import type { RpcAccessRules } from '../auth/rpc-access-rules.js';

/** A discovered `@RpcFunction` method, before it is wrapped and registered. */
export interface RpcFunctionDescriptor {
  readonly name: string;
  /** `Class#method`, for messages. */
  readonly place: string;
  readonly instance: object;
  readonly methodName: string;
  /** The class's and the method's own rules (the endpoint's are added later). */
  readonly access: RpcAccessRules;
}
