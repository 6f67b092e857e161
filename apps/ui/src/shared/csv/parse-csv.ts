/**
 * A small RFC 4180 CSV reader: comma-separated (or another one-character delimiter, e.g. the
 * semicolon of a spreadsheet export in a locale whose decimal mark is the comma), fields
 * optionally in double quotes with `""` for a quote, CRLF or LF line ends, a leading byte-order
 * mark ignored. Each record keeps the file line
 * it starts on, so validation errors can name the line an operator sees in their editor.
 */

/** One record and the 1-based file line it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

/** A quote was opened and never closed; names the line it was opened on. */
export class CsvSyntaxError extends Error {
  constructor(readonly line: number) {
    super(`line ${line}: a quoted field is never closed (a " is missing)`);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Parses the whole text; blank lines are skipped. @throws CsvSyntaxError on an unclosed quote.
 * @param delimiter - @default ','
 */
export function parseCsv(text: string, delimiter = ','): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endRecord = () => {
    cells.push(field);
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
    field = '';
  };

  for (let index = start; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 1;
        } else quoted = false;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (char === delimiter) {
      cells.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else field += char;
  }
  if (quoted) throw new CsvSyntaxError(quoteLine);
  if (field !== '' || cells.length > 0) endRecord();
  return records;
}
