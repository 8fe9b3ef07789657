/**
 * The in-process cases: `direct` (method + encoder, the floor), the dispatcher `bare`, with the
 * `guard` only, the `interceptor` only, with both (`guarded`), and `traced`: bare with the OpenTelemetry
 * SDK registered (a span and two metric points per call), last and in a process of its own so
 * that the SDK it registers reaches no other case. Apart from the cases themselves
 * so that the driver can name them without loading Nest.
 */
export type DispatchCaseId = 'direct' | 'bare' | 'guard' | 'interceptor' | 'guarded' | 'traced';

export const DISPATCH_CASE_IDS: readonly DispatchCaseId[] = ['direct', 'bare', 'guard', 'interceptor', 'guarded', 'traced'];
