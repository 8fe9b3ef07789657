import type { RpcMcpToolOptions } from '../interfaces/weerpc-mcp-options.interface.js';

/** Whether `@RpcFunction`'s `mcp` is a valid mark; the decorator refuses anything else. */
export function isToolMark(mark: unknown): mark is boolean | RpcMcpToolOptions | undefined {
  if (mark === undefined || typeof mark === 'boolean') {
    return true;
  }
  if (mark === null || typeof mark !== 'object' || Array.isArray(mark)) {
    return false;
  }
  const { title, readOnly, destructive, idempotent, openWorld, ...rest } = mark as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    (title === undefined || typeof title === 'string') &&
    [readOnly, destructive, idempotent, openWorld].every(hint => hint === undefined || typeof hint === 'boolean')
  );
}
