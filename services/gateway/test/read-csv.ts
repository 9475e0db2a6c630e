/**
 * A strict RFC 4180 reader for the tests, written apart from the gateway's writer so that
 * a quoting mistake there does not cancel itself out here: records end with CRLF, a
 * quoted field may hold commas, doubled quotes, CR and LF; anything else is an error.
 */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] !== '"') break;
          i++;
        }
        field += text[i];
      }
      i++;
    } else
      while (i < text.length && !/[,\r\n"]/.test(text[i]!)) {
        field += text[i];
        i++;
      }
    record.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (record.length > 0) throw new Error('the last record has no CRLF');
  return records;
}

/** The records after the header, each as a map from column name to field. */
export function csvRows(text: string): { header: string[]; rows: Map<string, string>[] } {
  const [header, ...records] = readCsv(text);
  if (!header) throw new Error('no header');
  for (const r of records) if (r.length !== header.length) throw new Error(`ragged: ${r.join()}`);
  return { header, rows: records.map((r) => new Map(r.map((field, i) => [header[i]!, field]))) };
}

/** Every leaf of a JSON object by its dotted path (`now.backlog.total`). */
export function leaves(value: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, v] of Object.entries(value)) {
    const path = `${prefix}${key}`;
    if (v !== null && typeof v === 'object')
      for (const [p, leaf] of leaves(v as object, `${path}.`)) out.set(p, leaf);
    else out.set(path, v);
  }
  return out;
}

/** A figure's field read back: empty is null, anything else the number JSON printed. */
export const figure = (field: string): number | null => (field === '' ? null : Number(field));
