import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { clearBodyDeadline, startBodyDeadline } from '../../lib/http/body-deadlines.js';

/** Fake clocks: the order and times of expiry, not how busy the machine is. */
const sleep = async (ms: number) => {
  await jest.advanceTimersByTimeAsync(ms);
};

describe('body deadlines', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('expires each body once its own time-out has passed, oldest first', async () => {
    const expired: [string, number][] = [];
    const started = performance.now();
    const expire = (name: string) => () => expired.push([name, performance.now() - started]);
    startBodyDeadline(60, expire('a'));
    await sleep(20);
    startBodyDeadline(60, expire('b'));
    await sleep(20);
    startBodyDeadline(60, expire('c'));
    await sleep(150);
    expect(expired.map(([name]) => name)).toEqual(['a', 'b', 'c']);
    const [[, a], [, b], [, c]] = expired;
    expect(a).toBeGreaterThanOrEqual(59);
    expect(b).toBeGreaterThanOrEqual(79);
    expect(c).toBeGreaterThanOrEqual(99);
  });

  it('never expires a cleared body, and clearing the oldest does not hold back the others', async () => {
    const expired: string[] = [];
    const first = startBodyDeadline(40, () => expired.push('first'));
    const middle = startBodyDeadline(40, () => expired.push('middle'));
    startBodyDeadline(40, () => expired.push('last'));
    clearBodyDeadline(first);
    clearBodyDeadline(middle);
    clearBodyDeadline(middle); // twice is harmless
    await sleep(100);
    expect(expired).toEqual(['last']);
  });

  it('keeps different time-outs apart', async () => {
    const expired: string[] = [];
    startBodyDeadline(120, () => expired.push('slow'));
    startBodyDeadline(30, () => expired.push('fast'));
    await sleep(70);
    expect(expired).toEqual(['fast']);
    await sleep(100);
    expect(expired).toEqual(['fast', 'slow']);
  });
});
