import { readFile } from 'node:fs/promises';
import { describeProblem, parsePolicyDocument, type PolicyLoad } from '@slawatch/core';

/**
 * Reads and validates the policy document named by SLAWATCH_POLICIES. Throws one error
 * listing every problem, which `main` prints before refusing to start.
 */
export async function loadPolicyFile(path: string): Promise<Extract<PolicyLoad, { ok: true }>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the policy document "${path}": ${(error as Error).message}`);
  }
  const loaded = parsePolicyDocument(text);
  if (!loaded.ok)
    throw new Error(
      `the policy document "${path}" is invalid:\n${loaded.problems.map((p) => `  - ${describeProblem(p)}`).join('\n')}`,
    );
  return loaded;
}
