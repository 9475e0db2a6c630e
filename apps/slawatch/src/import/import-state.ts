import { readFile, rename, writeFile } from 'node:fs/promises';
import type { TicketMemory } from './zendesk-mapping.js';

/**
 * Where an import stands, saved after each page has been produced (and acknowledged):
 * a rerun with the same file continues from `startTime`.
 */
export interface ImportState {
  readonly version: 1;
  /** The events' `source`: a state file of another account is refused. */
  readonly source: string;
  /** The `--from` of the first run, as given (for the progress estimate). */
  readonly from: string;
  /** The next page's `start_time` (Unix seconds). */
  readonly startTime: number;
  readonly pages: number;
  readonly events: number;
  /** When the last page was saved. */
  readonly savedAt: string;
  /** True once Zendesk said `end_of_stream`; a rerun then fetches what came since. */
  readonly endOfStream: boolean;
  /**
   * The Zendesk ticket events of the last page at its `end_time` second: the next page
   * starts at that second and repeats them, so they are skipped there.
   */
  readonly boundary: readonly string[];
  /** Each ticket seen, with its requester and group (their count is the tickets figure). */
  readonly tickets: Record<string, TicketMemory>;
}

/** The saved state, or null when the file does not exist; a broken file is an error. */
export async function readImportState(path: string): Promise<ImportState | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read the state file "${path}": ${(error as Error).message}`);
  }
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (error) {
    throw new Error(`the state file "${path}" is not JSON: ${(error as Error).message}`);
  }
  const s = state as Partial<ImportState> | null;
  if (
    typeof s !== 'object' ||
    s === null ||
    s.version !== 1 ||
    typeof s.source !== 'string' ||
    typeof s.startTime !== 'number' ||
    !Number.isSafeInteger(s.startTime) ||
    typeof s.tickets !== 'object' ||
    s.tickets === null
  )
    throw new Error(
      `the state file "${path}" is not one of slawatch import's (version 1, source, startTime, tickets)`,
    );
  return {
    version: 1,
    source: s.source,
    from: typeof s.from === 'string' ? s.from : new Date(s.startTime * 1000).toISOString(),
    startTime: s.startTime,
    pages: typeof s.pages === 'number' ? s.pages : 0,
    events: typeof s.events === 'number' ? s.events : 0,
    savedAt: typeof s.savedAt === 'string' ? s.savedAt : '',
    endOfStream: s.endOfStream === true,
    boundary: Array.isArray(s.boundary) ? s.boundary.filter((b) => typeof b === 'string') : [],
    tickets: s.tickets,
  };
}

/** Writes the state whole or not at all: a crash mid-write leaves the previous one. */
export async function writeImportState(path: string, state: ImportState): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state)}\n`);
  await rename(temporary, path);
}
