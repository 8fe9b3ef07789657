/**
 * The weeRPC `add_numbers` exchange written by hand, as a user would without nestjs-weerpc:
 * the baselines (raw node:http, a plain Nest controller) answer with it, and the nestjs-weerpc
 * servers run the same arithmetic, so that every server does the same work per request.
 */

export const ADD_NUMBERS = 'add_numbers';
export const ADD_NUMBERS_MESSAGE = "Function 'add_numbers' executed successfully";

/** A weeRPC 1.1 answer object. */
export interface WeeRpcAnswer {
  weerpc: 1.1;
  ok: boolean;
  message: string | null;
  data: unknown;
}

/** The sum of a list of numbers, or `null` when the data is not one. */
export function sumOf(data: unknown): number | null {
  if (!Array.isArray(data)) {
    return null;
  }
  let sum = 0;
  for (const item of data) {
    if (typeof item !== 'number') {
      return null;
    }
    sum += item;
  }
  return sum;
}

const fail = (message: string): WeeRpcAnswer => ({ weerpc: 1.1, ok: false, message, data: null });

/** The checks a careful hand-written endpoint makes on a parsed body, then the call. */
export function answerByHand(body: unknown): WeeRpcAnswer {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('Invalid request.');
  }
  const call = body as Record<string, unknown>;
  if (call.weerpc !== 1.1) {
    return fail('Invalid weerpc version.');
  }
  if (call.function !== ADD_NUMBERS) {
    return fail('Invalid function.');
  }
  const sum = sumOf(call.data);
  if (sum === null) {
    return fail('Data must be a list of numbers.');
  }
  return { weerpc: 1.1, ok: true, message: ADD_NUMBERS_MESSAGE, data: sum };
}

/** `application/json` or `application/*+json`, parameters allowed. */
export function isJsonContentType(contentType: string | undefined): boolean {
  const mime = contentType?.split(';', 1)[0].trim().toLowerCase() ?? '';
  return mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
}
