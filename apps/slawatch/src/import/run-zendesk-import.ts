import { formatInstant, parseInstant, validateEvent, type TicketEvent } from '@slawatch/core';
import { CliError } from '../cli-error.js';
import { kafkaOutput, ndjsonOutput, type EventOutput } from './event-output.js';
import { MAX_RETRY_AFTER_S, type ImportOptions } from './import-options.js';
import { ImportProgress, terminalProgress } from './import-progress.js';
import { readImportState, writeImportState, type ImportState } from './import-state.js';
import { readZendeskExport } from './zendesk-export-file.js';
import { idText, timeOf, ZendeskMapper } from './zendesk-mapping.js';
import { ZendeskHttpError, ZendeskPager } from './zendesk-pager.js';

// On a terminal the progress bar owns the last line: every message ends it first.
const terminal = process.stderr.isTTY ? terminalProgress(process.stderr) : null;
const log = (line: string): void => {
  const text = `slawatch import zendesk: ${line}`;
  if (terminal) terminal.line(text);
  else process.stderr.write(`${text}\n`);
};

/** Keeps the events inside [from, to) and contract-valid; counts the rest. */
function admit(
  events: readonly TicketEvent[],
  options: Pick<ImportOptions, 'from' | 'to'>,
  rejected: { count: number },
): TicketEvent[] {
  return events.filter((event) => {
    const check = validateEvent(event);
    if (!check.ok) {
      rejected.count += 1;
      log(`left out ${event.type} ${event.id} of ticket ${event.subject}: ${check.reason}`);
      return false;
    }
    if (options.from !== null && check.time < options.from) return false;
    return options.to === null || check.time < options.to;
  });
}

async function openOutput(options: ImportOptions, append: boolean): Promise<EventOutput> {
  if (options.out !== null) return ndjsonOutput(options.out, append);
  try {
    return await kafkaOutput(options.brokers, options.topic);
  } catch (error) {
    throw new CliError((error as Error).message, 1);
  }
}

/**
 * Runs `slawatch import zendesk` with checked options: a file export, or the incremental
 * export API page by page with its state saved after each (docs/import.md).
 */
export async function runZendeskImport(options: ImportOptions): Promise<void> {
  if (options.file !== null) return importFile(options, options.file);
  return importApi(options);
}

async function importFile(options: ImportOptions, file: string): Promise<void> {
  let ticketEvents: unknown[];
  try {
    ticketEvents = await readZendeskExport(file);
  } catch (error) {
    throw new CliError(`--file: ${(error as Error).message}`, 2);
  }
  const mapper = new ZendeskMapper(options.source);
  // Pages of a time-based export repeat the updates of the second each starts at.
  const seen = new Set<string>();
  const mapped = mapper.mapAll(
    ticketEvents.filter((e) => {
      const id = zendeskIdOf(e);
      if (id === null) return true;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    }),
  );
  const rejected = { count: 0 };
  const events = admit(mapped.events, options, rejected);
  const output = await openOutput(options, false);
  log(`${ticketEvents.length} Zendesk ticket events from ${file}, to ${output.description}`);
  try {
    await output.write(events);
    await output.close();
  } catch (error) {
    await output.close().catch(() => undefined);
    throw new CliError(`cannot publish: ${(error as Error).message}`, 1);
  }
  log(
    `done: ${events.length} events, ${mapper.tickets.size} tickets` +
      `; ${mapped.skipped.length} Zendesk changes map to no event` +
      (rejected.count > 0 ? `; ${rejected.count} invalid events left out` : ''),
  );
}

async function importApi(options: ImportOptions): Promise<void> {
  let saved: ImportState | null;
  try {
    saved = options.dryRun ? null : await readImportState(options.state);
  } catch (error) {
    throw new CliError(`--state: ${(error as Error).message}`, 2);
  }
  if (saved !== null && saved.source !== options.source)
    throw new CliError(
      `--state: "${options.state}" is the import of ${saved.source}, not ${options.source}; give another --state`,
      2,
    );
  if (saved === null && options.from === null)
    throw new CliError(
      `invalid options:\n  - --from: is required (no state file "${options.state}" to resume from)`,
      2,
    );
  if (saved !== null)
    log(
      `resuming from ${options.state}: ${saved.pages} pages and ${saved.events} events done, ` +
        `continuing at ${formatInstant(saved.startTime * 1000)}` +
        (options.from !== null ? ' (--from is ignored while the state file exists)' : ''),
    );

  const fromMs =
    saved !== null ? (parseInstant(saved.from) ?? saved.startTime * 1000) : options.from!;
  const stop = new AbortController();
  const pager = new ZendeskPager({
    baseUrl: options.baseUrl,
    authorization: options.authorization,
    retries: options.retries,
    maxRetryAfterSeconds: MAX_RETRY_AFTER_S,
    log,
    signal: stop.signal,
  });
  const mapper = new ZendeskMapper(options.source, Object.entries(saved?.tickets ?? {}));
  let state: ImportState = saved ?? {
    version: 1,
    source: options.source,
    from: formatInstant(options.from!),
    startTime: Math.floor(options.from! / 1000),
    pages: 0,
    events: 0,
    savedAt: '',
    endOfStream: false,
    boundary: [],
    tickets: {},
  };
  const output = await openOutput(options, saved !== null);
  log(
    `${options.source} from ${formatInstant(state.startTime * 1000)}` +
      (options.to === null ? '' : ` to ${formatInstant(options.to)}`) +
      `, to ${output.description}` +
      (options.dryRun ? ' (dry run: no state saved)' : `, state in ${options.state}`),
  );

  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: exiting now (the state file has every page before this one)`);
      process.exit(130);
    }
    stopping = true;
    log(`${signal}: stopping after the current page`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  // A bar redrawn in place on a terminal; lines otherwise (a log keeps every one).
  const progress = new ImportProgress(fromMs, terminal ?? { line: log });
  const counts = { skipped: 0 };
  const rejected = { count: 0 };
  const figures = () => ({
    pages: state.pages,
    events: state.events,
    tickets: mapper.tickets.size,
    reached: state.startTime * 1000,
  });
  let url = pager.firstUrl(state.startTime);
  try {
    for (;;) {
      const page = await pager.fetch(url);
      const repeated = new Set(state.boundary);
      const fresh = page.ticketEvents.filter((e) => !repeated.has(zendeskIdOf(e) ?? ''));
      const mapped = mapper.mapAll(fresh);
      counts.skipped += mapped.skipped.length;
      const events = admit(mapped.events, { from: null, to: options.to }, rejected);
      await output.write(events);
      // A page that does not move the export on would be fetched again for ever (more
      // than a page of updates in one second): step past that second, and say so.
      const stuck = page.endTime <= state.startTime && !page.endOfStream;
      if (stuck)
        log(
          `page at ${formatInstant(state.startTime * 1000)} did not advance (end_time ${page.endTime}): ` +
            'moving on one second; updates of that second beyond this page may be missing',
        );
      const next = stuck ? state.startTime + 1 : Math.max(page.endTime, state.startTime);
      const reachedTo = options.to !== null && next * 1000 >= options.to;
      state = {
        ...state,
        startTime: next,
        pages: state.pages + 1,
        events: state.events + events.length,
        savedAt: new Date().toISOString(),
        endOfStream: page.endOfStream || reachedTo,
        boundary: boundaryOf(page.ticketEvents, next),
        tickets: Object.fromEntries(mapper.tickets),
      };
      if (!options.dryRun) await writeImportState(options.state, state);
      progress.report(figures());
      if (page.endOfStream || reachedTo) break;
      if (stopping) break;
      url = stuck ? pager.firstUrl(next) : pager.nextUrl(page);
    }
  } catch (error) {
    await output.close().catch(() => undefined);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (stopping) throw stoppedError(options, state);
    const resume = options.dryRun
      ? ''
      : `; ${state.pages} pages saved in ${options.state}, rerun the same command to resume`;
    if (error instanceof ZendeskHttpError) throw new CliError(`${error.message}${resume}`, 1);
    throw new CliError(`cannot publish: ${(error as Error).message}${resume}`, 1);
  }
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  await output.close();
  progress.report(figures(), true);
  if (stopping) throw stoppedError(options, state);
  log(
    `done: ${state.events} events, ${mapper.tickets.size} tickets, ${state.pages} pages, up to ` +
      `${formatInstant(state.startTime * 1000)}; ${counts.skipped} Zendesk changes map to no event` +
      (rejected.count > 0 ? `; ${rejected.count} invalid events left out` : '') +
      (options.dryRun ? '' : `. Rerun with --state ${options.state} to fetch what came since`),
  );
}

/** A Zendesk ticket event's id, or null. */
function zendeskIdOf(ticketEvent: unknown): string | null {
  return typeof ticketEvent === 'object' && ticketEvent !== null
    ? idText((ticketEvent as { id?: unknown }).id)
    : null;
}

/** The ids of the ticket events at or after `startTime` (s): the next page repeats them. */
function boundaryOf(ticketEvents: readonly unknown[], startTime: number): string[] {
  return ticketEvents.flatMap((e) => {
    const id = zendeskIdOf(e);
    if (id === null || typeof e !== 'object' || e === null) return [];
    const at = timeOf(e as Record<string, unknown>);
    return at !== null && at >= startTime * 1000 ? [id] : [];
  });
}

function stoppedError(options: ImportOptions, state: ImportState): CliError {
  return new CliError(
    `stopped after ${state.pages} pages (${state.events} events)` +
      (options.dryRun ? '' : `; rerun with --state ${options.state} to resume`),
    130,
  );
}
