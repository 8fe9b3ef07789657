import { RpcEventItem, withEventId } from 'nestjs-weerpc';
import { isValidEventId } from '../../lib/wire/event-id.js';

describe('withEventId', () => {
  it('wraps an item with its id', () => {
    const item = withEventId({ n: 1 }, 'a-1');
    expect(item).toBeInstanceOf(RpcEventItem);
    expect(item).toEqual({ id: 'a-1', data: { n: 1 } });
  });

  it.each([[''], ['a\nb'], ['a\rb'], ['a\0b'], ['x'.repeat(257)], [5 as unknown as string]])('refuses %j, which an id: line cannot carry', id => {
    expect(() => withEventId(1, id)).toThrow(TypeError);
    expect(isValidEventId(id)).toBe(false);
  });

  it('takes 256 characters of any other text', () => {
    expect(withEventId(null, 'é'.repeat(256)).id).toHaveLength(256);
  });
});
