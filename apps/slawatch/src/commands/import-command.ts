import { Option, type Command } from 'commander';
import { formatInstant, parseInstant, validateEvent, type TicketEvent } from '@slawatch/core';
import { CliError } from '../cli-error.js';
import { kafkaOutput, ndjsonOutput, type EventOutput } from '../import/event-output.js';
import { ImportProgress, terminalProgress } from '../import/import-progress.js';
import { readImportState, writeImportState, type ImportState } from '../import/import-state.js';
import { readZendeskExport } from '../import/zendesk-export-file.js';
import { idText, timeOf, ZendeskMapper } from '../import/zendesk-mapping.js';
import { ZendeskHttpError, ZendeskPager } from '../import/zendesk-pager.js';

interface RawOptions {
  file?: string;
  from?: string;
  to?: string;
  subdomain?: string;
  baseUrl?: string;
  email?: string;
  tokenEnv: string;
  bearerEnv?: string;
  state: string;
  brokers?: string;
  topic: string;
  dryRun?: boolean;
  out?: string;
  retries: string;
}

interface ImportOptions {
  readonly file: string | null;
  /** Start of the export (ms); null with --file and no --from. */
  readonly from: number | null;
  readonly to: number | null;
  readonly source: string;
  readonly baseUrl: string;
  readonly authorization: string;
  readonly state: string;
  readonly brokers: readonly string[];
  readonly topic: string;
  /** NDJSON to standard output (`-`) or a file instead of Kafka. */
  readonly out: string | null;
  readonly dryRun: boolean;
  readonly retries: number;
}

const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;
const BROKER = /^[^\s:]+:\d{1,5}$/;
const SUBDOMAIN = /^[a-z0-9][a-z0-9-]{0,62}$/i;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The longest Retry-After honoured on a 429 (Zendesk's incremental limit is per minute). */
const MAX_RETRY_AFTER_S = 120;

/** `slawatch import zendesk`: a helpdesk's history as contract events. */
export function registerImport(program: Command): void {
  const imports = program
    .command('import')
    .description("backfill contract events from a helpdesk's history (see docs/import.md)");
  imports
    .command('zendesk')
    .description(
      "turn Zendesk's incremental ticket event export (or a file of it) into contract events on Kafka",
    )
    .option('--from <time>', 'RFC 3339 start of the export, e.g. 2026-11-23T00:00:00Z')
    .option('--to <time>', 'RFC 3339 end: events at or after it are left out (default: now)')
    .option('--subdomain <name>', 'the Zendesk account, as in https://<name>.zendesk.com')
    .option('--base-url <url>', 'the API server (default https://<subdomain>.zendesk.com)')
    .addOption(
      new Option('--email <address>', "an admin's email, with an API token").env(
        'SLAWATCH_ZENDESK_EMAIL',
      ),
    )
    .option(
      '--token-env <name>',
      'the environment variable holding the API token, for --email',
      'ZENDESK_API_TOKEN',
    )
    .option('--bearer-env <name>', 'the environment variable holding an OAuth access token')
    .option(
      '--file <path>',
      'read a file export (JSON pages, JSON array or NDJSON) instead of the API',
    )
    .option('--state <file>', 'where progress is saved, to resume', '.slawatch-import-zendesk.json')
    .addOption(
      new Option('--brokers <list>', 'Kafka bootstrap brokers, comma-separated host:port').env(
        'SLAWATCH_KAFKA_BROKERS',
      ),
    )
    .addOption(
      new Option('--topic <name>', 'topic to publish to')
        .env('SLAWATCH_TOPIC')
        .default('tickets.events'),
    )
    .addOption(new Option('--dry-run', 'print NDJSON on standard output instead (no state saved)'))
    .addOption(
      new Option(
        '--out <file>',
        'write NDJSON to a file ("-" for standard output) instead',
      ).conflicts('dryRun'),
    )
    .option('--retries <n>', 'retries of a 5xx answer or network failure, per page', '3')
    .addHelpText(
      'after',
      '\nSecrets never go on the command line: --token-env and --bearer-env name environment\n' +
        'variables. After each page is produced (acknowledged by Kafka, or written), the next\n' +
        'start time is saved to --state; a rerun with the same file continues from there and\n' +
        'ignores --from. Ctrl-C stops after the current page. Progress goes to standard error.\n' +
        'Exit codes: 0 done, 1 Zendesk or Kafka failing (state saved up to the last page),\n' +
        '2 invalid option, 130 stopped by Ctrl-C (state saved).',
    )
    .action(async (raw: RawOptions) => {
      const options = parseOptions(raw);
      await runImport(options);
    });
}

/** Checks every option and reports all problems at once, each naming its option. */
function parseOptions(raw: RawOptions): ImportOptions {
  const problems: string[] = [];
  const instant = (name: string, text: string | undefined): number | null => {
    if (text === undefined) return null;
    const at = parseInstant(text);
    if (at === null)
      problems.push(
        `--${name}: must be an RFC 3339 time such as 2026-11-23T00:00:00Z, got "${text}"`,
      );
    else if (at > Date.now()) problems.push(`--${name}: is in the future (${text})`);
    return at;
  };
  const from = instant('from', raw.from);
  const to = instant('to', raw.to);
  if (from !== null && to !== null && to <= from) problems.push('--to: must be after --from');

  const file = raw.file ?? null;
  let subdomain = raw.subdomain ?? null;
  let baseUrl = '';
  if (raw.baseUrl !== undefined) {
    if (!URL.canParse(raw.baseUrl) || !/^https?:$/.test(new URL(raw.baseUrl).protocol))
      problems.push(`--base-url: must be an http(s) URL, got "${raw.baseUrl}"`);
    else {
      baseUrl = raw.baseUrl;
      const host = /^([a-z0-9-]+)\.zendesk\.com$/i.exec(new URL(raw.baseUrl).hostname);
      subdomain ??= host?.[1] ?? null;
    }
  }
  if (subdomain === null)
    problems.push(
      "--subdomain: is required (the events' source is zendesk/<subdomain>), unless --base-url is https://<subdomain>.zendesk.com",
    );
  else if (!SUBDOMAIN.test(subdomain))
    problems.push(`--subdomain: must be a Zendesk subdomain such as acme, got "${subdomain}"`);
  else if (baseUrl === '') baseUrl = `https://${subdomain}.zendesk.com`;

  let authorization = '';
  if (file === null) {
    if (raw.bearerEnv !== undefined && raw.email !== undefined)
      problems.push(
        '--bearer-env: give either --email (with --token-env) or --bearer-env, not both',
      );
    else if (raw.bearerEnv !== undefined) {
      const token = secret('bearer-env', raw.bearerEnv, problems);
      authorization = `Bearer ${token}`;
    } else if (raw.email !== undefined) {
      const token = secret('token-env', raw.tokenEnv, problems);
      authorization = `Basic ${Buffer.from(`${raw.email}/token:${token}`).toString('base64')}`;
    } else
      problems.push(
        '--email: is required with --token-env (or SLAWATCH_ZENDESK_EMAIL), or give --bearer-env, unless --file',
      );
  }

  const retries = Number(raw.retries);
  if (!/^\d+$/.test(raw.retries.trim()) || retries > 10)
    problems.push(`--retries: must be a whole number from 0 to 10, got "${raw.retries}"`);

  const out = raw.dryRun ? '-' : (raw.out ?? null);
  if (!TOPIC.test(raw.topic))
    problems.push(
      `--topic: must be a Kafka topic name (letters, digits, ".", "_", "-"), got "${raw.topic}"`,
    );
  const brokers = (raw.brokers ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  if (out === null && brokers.length === 0)
    problems.push(
      '--brokers: is required (or SLAWATCH_KAFKA_BROKERS), unless --dry-run or --out is given',
    );
  for (const broker of brokers)
    if (!BROKER.test(broker)) problems.push(`--brokers: "${broker}" is not host:port`);
  if (problems.length > 0)
    throw new CliError(`invalid options:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return {
    file,
    from,
    to,
    source: `zendesk/${subdomain}`,
    baseUrl,
    authorization,
    state: raw.state,
    brokers,
    topic: raw.topic,
    out,
    dryRun: raw.dryRun === true,
    retries,
  };
}

/** The value of the environment variable `name`, which must be set; never printed. */
function secret(option: string, name: string, problems: string[]): string {
  if (!ENV_NAME.test(name)) {
    problems.push(`--${option}: must name an environment variable, got "${name}"`);
    return '';
  }
  const value = process.env[name];
  if (value === undefined || value.trim() === '')
    problems.push(`--${option}: the environment variable ${name} is not set`);
  return value?.trim() ?? '';
}

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

async function runImport(options: ImportOptions): Promise<void> {
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
