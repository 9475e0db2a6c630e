import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import {
  periodReport,
  REPORT_DIMENSIONS,
  reportCsv,
  reportHtml,
  reportJson,
  type ReportDimension,
} from '@slawatch/core';
import { CliError } from '../cli-error.js';
import { historyFromFile, historyFromTopic } from '../history/read-history.js';
import { optionCount } from '../option-count.js';
import { optionInstant } from '../option-instant.js';
import { readPolicyDocument } from '../read-policy-document.js';

interface ReportOptions {
  from: string;
  to: string;
  by?: ReportDimension;
  format: 'json' | 'csv' | 'html';
  policies?: string;
  events?: string;
  output?: string;
  maxEvents: string;
}

const DEFAULT_MAX_EVENTS = 40_000_000;

const iso = (t: number) => new Date(t).toISOString();

/** `slawatch report`: every figure of a closed period from the event history, exactly. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'compute every SLA and service figure of a closed period from the event history (attainment and breaches per clock, volumes, response and resolution percentiles, FCR, CSAT, NPS, quality score), against the period before it, with the breached clocks',
    )
    .requiredOption('--from <time>', 'the period starts at this RFC 3339 time (included)')
    .requiredOption('--to <time>', 'the period ends at this RFC 3339 time (not included)')
    .addOption(
      new Option('--by <dimension>', 'one row per value of this as well').choices(
        REPORT_DIMENSIONS,
      ),
    )
    .addOption(
      new Option('-f, --format <format>', 'json, csv or html (charts; prints to PDF)')
        .choices(['json', 'csv', 'html'])
        .default('json'),
    )
    .option(
      '-p, --policies <file>',
      'the policy document (default: SLAWATCH_POLICIES, as the services read it)',
    )
    .option(
      '-e, --events <file>',
      'read the history from this NDJSON file ("-" for stdin) instead of the events topic',
    )
    .option('-o, --output <file>', 'write the report here instead of standard output')
    .option(
      '--max-events <n>',
      'refuse a history of more events than this (each is held in memory)',
      String(DEFAULT_MAX_EVENTS),
    )
    .addHelpText(
      'after',
      '\nEvery ticket is folded from its whole history up to the end of the period, so a\n' +
        "month's report does not depend on the 7-day rolling windows; the previous period\n" +
        'is the one of the same length just before. From the topic (SLAWATCH_KAFKA_BROKERS,\n' +
        'SLAWATCH_TOPIC) the history is read in a consumer group of its own that commits\n' +
        'nothing. Progress goes to standard error.\n' +
        'Exit codes: 0 done, 1 Kafka failing or history too large, 2 invalid option or document.',
    )
    .action(async (raw: ReportOptions) => {
      const maxEvents = optionCount('--max-events', raw.maxEvents);
      const from = optionInstant('--from', raw.from)!;
      const to = optionInstant('--to', raw.to)!;
      if (from >= to)
        throw new CliError(
          `the period is empty: --from ${iso(from)} is not before --to ${iso(to)}`,
        );
      const path = raw.policies ?? process.env.SLAWATCH_POLICIES;
      if (path === undefined || path === '')
        throw new CliError('--policies: name the policy document (or set SLAWATCH_POLICIES)');
      const policies = await readPolicyDocument(path, 'policy document');
      const history =
        raw.events !== undefined
          ? await historyFromFile(raw.events, maxEvents)
          : await historyFromTopic('report', maxEvents);
      const report = periodReport(history.byTicket, policies, {
        from,
        to,
        by: raw.by ?? null,
      });
      const text =
        raw.format === 'html'
          ? reportHtml(report, {
              ticketUrl: policies.alerting.ticketUrl,
              generatedAt: Date.now(),
            })
          : raw.format === 'csv'
            ? reportCsv(report)
            : `${JSON.stringify(reportJson(report, history.rejected), null, 2)}\n`;
      if (raw.output === undefined) process.stdout.write(text);
      else await writeFile(raw.output, text);
      if (history.rejected > 0)
        process.stderr.write(`slawatch: ${history.rejected} invalid events left out\n`);
    });
}
