import { csvCell, csvRows, toCsv } from './csv';

describe('CSV encoding (RFC 4180)', () => {
  it('quotes only what needs quoting, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' edge')).toBe('" edge"');
  });

  it('writes numbers and booleans as they are, absent values empty, nested values as JSON', () => {
    expect([csvCell(1.5), csvCell(false), csvCell(null), csvCell(undefined)]).toEqual(['1.5', 'false', '', '']);
    expect(csvCell({ a: [1, 'x'] })).toBe('"{""a"":[1,""x""]}"');
  });

  it('defuses cells a spreadsheet would run as a formula (OWASP), numbers excepted', () => {
    expect(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx'].map(csvCell)).toEqual([
      "'=1+1",
      "'+SUM(A1)",
      "'-2+3",
      "'@cmd",
      "'\tx",
      `"'\rx"`,
    ]);
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect([csvCell(-5), csvCell('a=b'), csvCell({ a: '=1' })]).toEqual(['-5', 'a=b', '"{""a"":""=1""}"']);
  });

  it('turns a list response into one row per item and an object into one row', () => {
    expect(csvRows({ items: [{ a: 1 }, { a: 2 }], totalCount: 2 })).toHaveLength(2);
    expect(csvRows({ a: 1 })).toEqual([{ a: 1 }]);
    expect(
      toCsv([
        { id: 'x', n: 1 },
        { id: 'y', n: 2 },
      ]),
    ).toBe('id,n\r\nx,1\r\ny,2\r\n');
  });
});
