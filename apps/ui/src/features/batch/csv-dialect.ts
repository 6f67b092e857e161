/**
 * How a CSV file was written. A spreadsheet in a locale whose decimal mark is the comma (German,
 * French, ...) exports "CSV" separated by semicolons, with decimal commas in the numbers: such a
 * file is read as it is, and the page says so, rather than refusing its one-column header.
 */

/** The delimiter and decimal mark of a file. */
export interface CsvDialect {
  readonly delimiter: ',' | ';';
  /** Numbers may be written `298,1`. */
  readonly decimalComma: boolean;
}

/** What the page tells the operator about a file read in a dialect other than plain CSV; undefined for plain CSV. */
export function dialectNote(dialect: CsvDialect): string | undefined {
  return dialect.delimiter === ';' ? 'Read as values separated by semicolons, with decimal commas (a spreadsheet export); the download is plain CSV.' : undefined;
}

/** The dialect of `text`, from its first non-blank line: semicolons and no commas mean a spreadsheet export. */
export function detectCsvDialect(text: string): CsvDialect {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const semicolons = (unquoted.match(/;/g) ?? []).length;
  const commas = (unquoted.match(/,/g) ?? []).length;
  return semicolons > commas ? { delimiter: ';', decimalComma: true } : { delimiter: ',', decimalComma: false };
}

/** A cell as a number's text: `298,1` becomes `298.1` in a decimal-comma file; anything else is unchanged. */
export function normaliseDecimal(cell: string, dialect: CsvDialect): string {
  return dialect.decimalComma && /^[+-]?\d*,\d+$/.test(cell) ? cell.replace(',', '.') : cell;
}
