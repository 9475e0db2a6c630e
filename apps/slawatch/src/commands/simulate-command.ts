import type { Command } from 'commander';
import { parseNdjson, simulate } from '@slawatch/core';
import { optionInstant } from '../option-instant.js';
import { readInputFile } from '../read-input-file.js';
import { readPolicyDocument } from '../read-policy-document.js';

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
      const at = optionInstant('--at', options.at);
      const policies = await readPolicyDocument(options.policies, 'policy document');
      const inputs = parseNdjson(await readInputFile(options.events, 'events file'));
      const result = simulate(inputs, policies, at);
      process.stdout.write(`${JSON.stringify(result, null, options.compact ? undefined : 2)}\n`);
      if (result.rejected.length > 0)
        process.stderr.write(
          `slawatch: ${result.rejected.length} of ${inputs.length} events rejected (listed under "rejected")\n`,
        );
    });
}
