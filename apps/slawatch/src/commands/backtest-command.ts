import type { Command } from 'commander';
import { comparePolicies, parseSpan } from '@slawatch/core';
import { formatBacktest } from '../backtest/format-backtest.js';
import { CliError } from '../cli-error.js';
import { historyFromFile, historyFromTopic } from '../history/read-history.js';
import { optionCount } from '../option-count.js';
import { optionInstant } from '../option-instant.js';
import { readPolicyDocument } from '../read-policy-document.js';

interface BacktestOptions {
  policies: string;
  current?: string;
  events?: string;
  from: string;
  since?: string;
  until?: string;
  json?: boolean;
  maxEvents: string;
}

const DEFAULT_MAX_EVENTS = 5_000_000;

/** `slawatch backtest`: what a candidate policy document would have made of past traffic. */
export function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description(
      'fold past ticket events under the policy document in force and under a candidate, and compare attainment and breaches per clock kind by team, priority and policy',
    )
    .requiredOption('-p, --policies <file>', 'the candidate policy document (YAML or JSON)')
    .option(
      '--current <file>',
      'the policy document in force (default: SLAWATCH_POLICIES, as the services read it)',
    )
    .option(
      '-e, --events <file>',
      'read the history from this NDJSON file ("-" for stdin) instead of the events topic',
    )
    .option('--from <span>', 'the window: this long before --until ("90m", "12h", "7d")', '7d')
    .option('--since <time>', 'the window starts at this RFC 3339 time (instead of --from)')
    .option(
      '--until <time>',
      'the window ends at this RFC 3339 time (default: now; with --events, the latest event)',
    )
    .option('--json', 'print the report as JSON')
    .option(
      '--max-events <n>',
      'refuse a history of more events than this (each is held in memory)',
      String(DEFAULT_MAX_EVENTS),
    )
    .addHelpText(
      'after',
      '\nEvery ticket is folded from its whole history (events before the window included),\n' +
        'and the clock outcomes that fall in the window are compared: a met clock where it\n' +
        'stopped, a breached one at its deadline. Events after --until are left out.\n' +
        'From the topic (SLAWATCH_KAFKA_BROKERS, SLAWATCH_TOPIC), the history is read in a\n' +
        'consumer group of its own that commits nothing, up to the end the topic had when\n' +
        'it started; the services are not disturbed. Progress goes to standard error.\n' +
        'Exit codes: 0 done, 1 Kafka failing or history too large, 2 invalid option or document.',
    )
    .action(async (raw: BacktestOptions) => {
      const maxEvents = optionCount('--max-events', raw.maxEvents);
      const span = parseSpan(raw.from);
      if (span === null)
        throw new CliError(`--from: must be a span such as 90m, 12h or 7d, got "${raw.from}"`);
      const since = optionInstant('--since', raw.since);
      const until = optionInstant('--until', raw.until);
      const currentPath = raw.current ?? process.env.SLAWATCH_POLICIES;
      if (currentPath === undefined || currentPath === '')
        throw new CliError(
          '--current: name the policy document in force (or set SLAWATCH_POLICIES)',
        );
      const current = await readPolicyDocument(currentPath, 'policy document in force');
      const candidate = await readPolicyDocument(raw.policies, 'candidate policy document');
      const history =
        raw.events !== undefined
          ? await historyFromFile(raw.events, maxEvents)
          : await historyFromTopic('backtest', maxEvents);
      if (until === undefined && raw.events !== undefined && history.byTicket.size === 0)
        throw new CliError(`"${raw.events}" holds no valid event: give --until, or events`);
      const end = until ?? (raw.events !== undefined ? history.latest : Date.now());
      const start = since ?? end - span;
      if (start >= end)
        throw new CliError(
          `the window is empty: it starts at ${new Date(start).toISOString()} and ends at ${new Date(end).toISOString()}`,
        );
      const report = comparePolicies(history.byTicket, current, candidate, {
        from: start,
        until: end,
      });
      process.stdout.write(
        raw.json === true
          ? `${JSON.stringify({ ...report, from: iso(report.from), until: iso(report.until), rejected: history.rejected }, null, 2)}\n`
          : formatBacktest(report, raw.policies),
      );
      if (history.rejected > 0)
        process.stderr.write(`slawatch: ${history.rejected} invalid events left out\n`);
    });
}

const iso = (t: number) => new Date(t).toISOString();
