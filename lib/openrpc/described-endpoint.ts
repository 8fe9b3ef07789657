import type { RpcAccessRules } from '../interfaces/rpc-access-rules.interface.js';

/**
 * An endpoint as OpenRPC describes it: its route, protocols and rules, with its functions and
 * options in the form each step reads (the scanner's descriptors and the module options when it
 * is described; documented functions and the discovery options when its document is built).
 */
export interface DescribedEndpoint<TFunction, TOptions> {
  /** The full route, global prefix included. */
  readonly path: string;
  readonly protocols: readonly string[];
  readonly access: RpcAccessRules;
  readonly options: TOptions;
  readonly functions: readonly TFunction[];
}
