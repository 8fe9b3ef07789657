/** One decoded call: the function's name and the data handed to it. */
export interface RpcCall {
  readonly function: string;
  readonly data: unknown;
}
