import type { Command } from 'commander';
import {
  describeProblem,
  EVENT_TIME_RANGE_RULE,
  isAcceptedEventTime,
  parseInstant,
  parseNdjson,
  parsePolicyDocument,
  simulate,
} from '@slawatch/core';
import { CliError } from '../cli-error.js';
import { readInputFile } from '../read-input-file.js';

interface SimulateOptions {
  policies: string;
  events: string;
  at?: string;
  compact?: boolean;
}

/** `slawatch simulate`: the engine offline, over a policy file and an NDJSON event file. */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'fold ticket events into SLA clocks offline and print every ticket view as of a time',
    )
    .requiredOption('-p, --policies <file>', 'policy document (YAML or JSON)')
    .requiredOption('-e, --events <file>', 'events, one CloudEvent JSON per line ("-" for stdin)')
    .option('--at <time>', 'evaluate the clocks as of this RFC 3339 time (default: latest event)')
    .option('--compact', 'print the document on one line')
    .addHelpText(
      'after',
      '\nInvalid events are listed under "rejected" and do not stop the run.\n' +
        'Exit codes: 0 done, 2 unreadable file, invalid policy document or bad option.',
    )
    .action(async (options: SimulateOptions) => {
      const at = options.at === undefined ? undefined : parseInstant(options.at);
      if (at === null)
        throw new CliError(
          `--at must be an RFC 3339 time such as 2026-11-23T09:00:00Z, got "${options.at}"`,
        );
      // As for event times: clocks measured up to year 9999 are no answer anyone wants.
      if (at !== undefined && !isAcceptedEventTime(at))
        throw new CliError(`--at ${EVENT_TIME_RANGE_RULE}, got "${options.at}"`);
      const loaded = parsePolicyDocument(await readInputFile(options.policies, 'policy document'));
      if (!loaded.ok)
        throw new CliError(
          `the policy document "${options.policies}" is invalid:\n` +
            loaded.problems.map((p) => `  - ${describeProblem(p)}`).join('\n'),
        );
      const inputs = parseNdjson(await readInputFile(options.events, 'events file'));
      const result = simulate(inputs, loaded.policySet, at);
      process.stdout.write(`${JSON.stringify(result, null, options.compact ? undefined : 2)}\n`);
      if (result.rejected.length > 0)
        process.stderr.write(
          `slawatch: ${result.rejected.length} of ${inputs.length} events rejected (listed under "rejected")\n`,
        );
    });
}
