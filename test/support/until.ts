/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Polls until `check` holds (or fails the test after `ms`). */
export async function until(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

/** Waits until `read()` holds still between two polls (or `ms` passed); its value then. */
export async function untilStill(read: () => number, ms = 10_000): Promise<number> {
  let previous = -1;
  const holdsStill = () => {
    const value = read();
    const still = value === previous;
    previous = value;
    return still;
  };
  await until(holdsStill, ms).catch(() => undefined);
  return read();
}
