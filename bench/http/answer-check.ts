import { deepStrictEqual } from 'node:assert/strict';
import { ADD_NUMBERS, ADD_NUMBERS_MESSAGE } from '../servers/add-numbers.exchange.js';

/** The body every measured request sends. */
export const LOAD_REQUEST = JSON.stringify({ weerpc: 1.1, function: ADD_NUMBERS, data: [1, 2, 3] });
const LOAD_ANSWER = { weerpc: 1.1, ok: true, message: ADD_NUMBERS_MESSAGE, data: 6 };
const LOAD_ANSWER_TEXT = JSON.stringify(LOAD_ANSWER);

/** Exchanges every server must get right before it is measured (so none can fake the sum). */
const EXCHANGES: { data: unknown; answer: object }[] = [
  { data: [1, 2, 3], answer: LOAD_ANSWER },
  { data: [10, 20.5, -4], answer: { ...LOAD_ANSWER, data: 26.5 } },
  { data: [], answer: { ...LOAD_ANSWER, data: 0 } },
  { data: [1, 'x'], answer: { weerpc: 1.1, ok: false, message: 'Data must be a list of numbers.', data: null } },
];

/**
 * Sends each exchange and throws, with the server's answer, at the first wrong status,
 * content type or body. Key order is free, as the protocol says.
 */
export async function checkAnswers(url: string, serverId: string): Promise<void> {
  for (const { data, answer } of EXCHANGES) {
    const body = JSON.stringify({ weerpc: 1.1, function: ADD_NUMBERS, data });
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const text = await response.text();
    const where = `${serverId} answered ${body} with HTTP ${response.status} ${text}`;
    if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('application/json')) {
      throw new Error(`wrong answer: ${where} (content-type ${response.headers.get('content-type')})`);
    }
    try {
      deepStrictEqual(JSON.parse(text), answer);
    } catch {
      throw new Error(`wrong answer: ${where}; expected ${JSON.stringify(answer)}`);
    }
  }
}

/** Whether an answer to `LOAD_REQUEST` is right; cheap on the usual byte-identical answer. */
export function isLoadAnswer(text: string): boolean {
  if (text === LOAD_ANSWER_TEXT) {
    return true;
  }
  try {
    deepStrictEqual(JSON.parse(text), LOAD_ANSWER);
    return true;
  } catch {
    return false;
  }
}
