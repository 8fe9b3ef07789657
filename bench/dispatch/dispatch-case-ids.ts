/**
 * The in-process cases: `direct` (method + encoder, the floor), the dispatcher `bare`, with the
 * `guard` only, the `interceptor` only, and with both (`guarded`). Apart from the cases themselves
 * so that the driver can name them without loading Nest.
 */
export type DispatchCaseId = 'direct' | 'bare' | 'guard' | 'interceptor' | 'guarded' | 'traced';

export const DISPATCH_CASE_IDS: readonly DispatchCaseId[] = ['direct', 'bare', 'guard', 'interceptor', 'guarded', 'traced'];
