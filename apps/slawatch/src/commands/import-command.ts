import { Option, type Command } from 'commander';
import { parseInstant } from '@slawatch/core';
import { CliError } from '../cli-error.js';
import type { ImportOptions } from '../import/import-options.js';
import { addKafkaOutputOptions, readKafkaOutput } from './kafka-output-options.js';
import { runZendeskImport } from '../import/run-zendesk-import.js';

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

const SUBDOMAIN = /^[a-z0-9][a-z0-9-]{0,62}$/i;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `slawatch import zendesk`: a helpdesk's history as contract events. */
export function registerImport(program: Command): void {
  const imports = program
    .command('import')
    .description("backfill contract events from a helpdesk's history (see docs/import.md)");
  addKafkaOutputOptions(
    imports
      .command('zendesk')
      .description(
        "turn Zendesk's incremental ticket event export (or a file of it) into contract events on Kafka",
      ),
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
      await runZendeskImport(options);
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
  const brokers = readKafkaOutput(raw, out === null ? '--dry-run or --out' : null, problems);
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
