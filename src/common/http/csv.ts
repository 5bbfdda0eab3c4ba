import { Readable } from 'node:stream';

/** What a spreadsheet would read as the start of a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180 quoting: fields with a comma, quote, CR or LF (or edge spaces) are quoted, quotes
 * doubled. A text cell that a spreadsheet would run as a formula gets a leading `'`, as OWASP's
 * CSV-injection guidance says; numbers (a negative one starts with `-`) are data and stay as they are.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans print the same through JSON; objects and arrays become JSON.
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof value !== 'number' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: unknown[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** The rows a response becomes: a list's items, an array's elements, or the one object. */
export function csvRows(body: unknown): Record<string, unknown>[] {
  if (Array.isArray(body)) return body as Record<string, unknown>[];
  if (body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items)) {
    return (body as { items: Record<string, unknown>[] }).items;
  }
  return body === undefined || body === null ? [] : [body as Record<string, unknown>];
}

/** A header row of the first row's camelCase property names, then one line per row, streamed. */
export function csvStream(
  rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>,
  emptyHeaders?: readonly string[],
  byteOrderMark = false,
): Readable {
  async function* lines(): AsyncGenerator<string> {
    // Excel reads a UTF-8 file as its local code page unless it starts with a byte-order mark.
    if (byteOrderMark) yield '\uFEFF';
    let headers: string[] | undefined;
    for await (const row of rows) {
      if (!headers) {
        headers = Object.keys(row);
        yield csvLine(headers);
      }
      yield csvLine(headers.map((h) => row[h]));
    }
    // An empty list still has its header row.
    if (!headers && emptyHeaders) yield csvLine([...emptyHeaders]);
  }
  return Readable.from(lines());
}

export function toCsv(body: unknown): string {
  const rows = csvRows(body);
  if (!rows.length) return '';
  const headers = Object.keys(rows[0]);
  return csvLine(headers) + rows.map((r) => csvLine(headers.map((h) => r[h]))).join('');
}
