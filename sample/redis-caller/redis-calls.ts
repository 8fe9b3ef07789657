import type { RedisCallOutcome, SampleOverRedis } from './sample-over-redis.service.js';

/** How one outcome reads on the console: the data, or `failed:` with the weeRPC message (and data, if any). */
export function describeOutcome(outcome: RedisCallOutcome): string {
  if (outcome.ok) {
    return JSON.stringify(outcome.data);
  }
  return outcome.data === null ? `failed: ${outcome.message}` : `failed: ${outcome.message} ${JSON.stringify(outcome.data)}`;
}

/**
 * The calls the caller makes, each printed as one line: a sum, the same function refusing bad
 * data, a session-scoped function refused (a message carries no session), and the streaming
 * `count_to`, whose numbers come as replies of their own (collected into one list here).
 */
export async function runRedisCalls(sample: SampleOverRedis, print: (line: string) => void = console.log): Promise<void> {
  print(`add_numbers [1, 2, 3] -> ${describeOutcome(await sample.call('add_numbers', [1, 2, 3]))}`);
  print(`add_numbers "1, 2, 3" -> ${describeOutcome(await sample.call('add_numbers', '1, 2, 3'))}`);
  print(`add_string_auth_session "ada" -> ${describeOutcome(await sample.call('add_string_auth_session', 'ada'))}`);
  print(`count_to { n: 3, delay: 100 } -> ${describeOutcome(await sample.items('count_to', { n: 3, delay: 100 }))}`);
}
