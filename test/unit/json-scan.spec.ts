import { idNumberSource, textExceedsDepth, valueExceedsDepth } from '../../lib/protocol/json-scan.js';

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('JSON scans', () => {
  it('counts nesting levels, the outermost included, skipping strings with brackets and escapes', () => {
    expect(textExceedsDepth(nested(512), 512)).toBe(false);
    expect(textExceedsDepth(nested(513), 512)).toBe(true);
    expect(textExceedsDepth(`{"a":"[[[[\\"[[[[","b":[[1]]}`, 3)).toBe(false);
    expect(textExceedsDepth(`{"a":"\\\\","b":[[[1]]]}`, 3)).toBe(true);
    expect(textExceedsDepth(`["${'['.repeat(5000)}"]`, 2)).toBe(false);
    expect(textExceedsDepth('1', 1)).toBe(false);
  });

  it('walks parsed values by the same rule', () => {
    expect(valueExceedsDepth(JSON.parse(nested(512)), 512)).toBe(false);
    expect(valueExceedsDepth(JSON.parse(nested(513)), 512)).toBe(true);
    expect(valueExceedsDepth(JSON.parse('{"a":{"b":[1]},"c":"[[["}'), 3)).toBe(false);
    expect(valueExceedsDepth(JSON.parse('{"a":{"b":[{}]}}'), 3)).toBe(true);
    expect(valueExceedsDepth(JSON.parse(nested(20_000)), 512)).toBe(true);
    expect(valueExceedsDepth('text', 1)).toBe(false);
  });

  it('finds the source of the id number of a request or of a batch element', () => {
    expect(idNumberSource('{"jsonrpc":"2.0","id":9007199254740993}', -1)).toBe('9007199254740993');
    expect(idNumberSource('{"params":{"id":1},"id" :\n -12345678901234567890 }', -1)).toBe('-12345678901234567890');
    expect(idNumberSource('{"id":1,"id":"x"}', -1)).toBeUndefined();
    expect(idNumberSource('{"a":"\\"id\\":5","id":7}', -1)).toBe('7');
    expect(idNumberSource('{"\\u0069d":8}', -1)).toBe('8');
    const batch = '[{"id":1},[{"id":2}],"id",{"x":{"id":3},"id":44},{"id":5}]';
    expect([0, 1, 2, 3, 4].map(element => idNumberSource(batch, element))).toEqual(['1', undefined, undefined, '44', '5']);
    expect(idNumberSource('{"id":1}', 0)).toBeUndefined();
  });
});
