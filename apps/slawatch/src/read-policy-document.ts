import { describeProblem, parsePolicyDocument, type PolicySet } from '@slawatch/core';
import { CliError } from './cli-error.js';
import { readInputFile } from './read-input-file.js';

/**
 * The policy set of the document at `path` (`-`: standard input); an invalid one stops the
 * command with exit code 2 and every problem listed. `label` names it in messages
 * ("policy document", "candidate policy document").
 */
export async function readPolicyDocument(path: string, label: string): Promise<PolicySet> {
  const loaded = parsePolicyDocument(await readInputFile(path, label));
  if (!loaded.ok)
    throw new CliError(
      `the ${label} "${path}" is invalid:\n` +
        loaded.problems.map((p) => `  - ${describeProblem(p)}`).join('\n'),
    );
  return loaded.policySet;
}
