import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './parse-csv.ts';
import { toCsv } from './to-csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, keeping each record\'s first line', () => {
    const records = parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",3\n');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['two\nlines', '3'] },
    ]);
  });

  it('skips a byte-order mark and blank lines, and reads a last line without a newline', () => {
    expect(parseCsv('\uFEFFa\n\n1')).toEqual([
      { line: 1, cells: ['a'] },
      { line: 3, cells: ['1'] },
    ]);
  });

  it('reads an empty text as no records', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\n\r\n')).toEqual([]);
  });

  it('names the line of a quote that is never closed', () => {
    expect(() => parseCsv('a\n1\n"open,2\n')).toThrow(new CsvSyntaxError(3));
    expect(() => parseCsv('a\n"open')).toThrow(/line 2: a quoted field is never closed/);
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting and round-trips through parseCsv', () => {
    const text = toCsv(['name', 'note'], [['a,b', 'say "x"'], ['plain', undefined]]);
    expect(parseCsv(text).map((record) => record.cells)).toEqual([
      ['name', 'note'],
      ['a,b', 'say "x"'],
      ['plain', ''],
    ]);
  });

  it('defuses text a spreadsheet would run as a formula but leaves negative numbers alone', () => {
    expect(toCsv(['x'], [['=HYPERLINK("evil")'], [-3]])).toBe('x\r\n"\'=HYPERLINK(""evil"")"\r\n-3\r\n');
  });
});
