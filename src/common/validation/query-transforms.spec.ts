import { INVALID, parseQueryArray, parseQueryBoolean, parseQueryInt } from './query-transforms';

describe('query string transforms', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['False', false],
    ['0', false],
    ['yes', INVALID],
    ['', INVALID],
    ['2', INVALID],
  ])('boolean %p', (input, expected) => expect(parseQueryBoolean(input)).toBe(expected));

  it('arrays: comma-joined, repeated, or both', () => {
    expect(parseQueryArray('a,b')).toEqual(['a', 'b']);
    expect(parseQueryArray(['a', 'b,c'])).toEqual(['a', 'b', 'c']);
    expect(parseQueryArray('a,,b, ')).toEqual(['a', 'b']);
  });

  it('integers', () => {
    expect(parseQueryInt('12')).toBe(12);
    expect(parseQueryInt('-3')).toBe(-3);
    expect(parseQueryInt('1.5')).toBe(INVALID);
    expect(parseQueryInt('x')).toBe(INVALID);
  });
});
