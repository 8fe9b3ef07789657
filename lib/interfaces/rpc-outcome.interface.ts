/**
 * The protocol-neutral result of one call: what every codec turns into its own envelope.
 */
export interface RpcOutcome<T = unknown> {
  readonly ok: boolean;
  readonly message: string | null;
  readonly data: T | null;
}
