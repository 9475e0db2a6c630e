import { readFile } from 'node:fs/promises';

/**
 * The ticket events of a file export: a page of the incremental export
 * (`{"ticket_events": [...]}`), an array of such pages, an array of ticket events, or NDJSON
 * with one ticket event (or one page) a line.
 */
export async function readZendeskExport(path: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read "${path}": ${(error as Error).message}`);
  }
  return parseZendeskExport(text, path);
}

/** Parses the text of a file export (see readZendeskExport); pure. */
export function parseZendeskExport(text: string, name = 'the file'): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    return eventsOf(JSON.parse(trimmed));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  // Not one JSON document: NDJSON.
  const events: unknown[] = [];
  for (const [index, line] of trimmed.split('\n').entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(
        `${name} is neither JSON nor NDJSON: line ${index + 1}: ${(error as Error).message}`,
      );
    }
    events.push(...eventsOf(value));
  }
  return events;
}

const isPage = (value: unknown): value is { ticket_events: unknown[] } =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as { ticket_events?: unknown }).ticket_events);

function eventsOf(value: unknown): unknown[] {
  if (isPage(value)) return value.ticket_events;
  if (Array.isArray(value))
    return (value as unknown[]).flatMap((item) => (isPage(item) ? item.ticket_events : [item]));
  return [value];
}
