import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Runs full garbage collections until `refs` are all gone or `rounds` are spent; returns how many survive. */
export async function survivorsAfterGc(refs: WeakRef<object>[], rounds = 10): Promise<number> {
  for (let round = 0; round < rounds; round++) {
    await new Promise(resolve => setImmediate(resolve));
    collect();
    if (refs.every(ref => ref.deref() === undefined)) {
      return 0;
    }
  }
  return refs.filter(ref => ref.deref() !== undefined).length;
}
