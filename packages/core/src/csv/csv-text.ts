/**
 * Characters a spreadsheet takes as the start of a formula (OWASP, "CSV injection"), and
 * the guard's own `'`, so that removing one leading `'` always gives the value back.
 */
const GUARDED_START = /^[=+\-@\t\r']/;

/**
 * One CSV field (RFC 4180): a number as JSON prints it, a text with a leading `'` when a
 * spreadsheet would run it as a formula, quoted when it holds a comma, a quote, CR or LF;
 * anything else (null, a figure the answer lacks) an empty field.
 */
export function csvField(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : '';
  if (typeof value !== 'string') return '';
  // Dimension values come from event producers; `-` alone is the API's "no value", no formula.
  const text = GUARDED_START.test(value) && value !== '-' ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document (RFC 4180): the header, then one record per row, each ended by CRLF. */
export function csvText(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  let text = `${header.map(csvField).join(',')}\r\n`;
  for (const row of rows) text += `${row.map(csvField).join(',')}\r\n`;
  return text;
}
