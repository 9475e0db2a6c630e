import { readFile } from 'node:fs/promises';
import {
  alertingEnv,
  describeProblem,
  parsePolicyDocument,
  type PolicyLoad,
  type ValidationProblem,
} from '@slawatch/core';

/**
 * Reads and validates the policy document named by SLAWATCH_POLICIES, and checks that
 * every environment variable its receivers name for their secrets is set. Throws one
 * error listing every problem, which `main` prints before refusing to start.
 */
export async function loadPolicyFile(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Extract<PolicyLoad, { ok: true }>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the policy document "${path}": ${(error as Error).message}`);
  }
  const loaded = parsePolicyDocument(text);
  const problems: ValidationProblem[] = loaded.ok
    ? alertingEnv(loaded.document.alerting)
        .filter(({ name }) => !env[name])
        .map(({ path: at, name }) => ({
          path: at,
          message: `environment variable ${name} is not set`,
        }))
    : [...loaded.problems];
  if (!loaded.ok || problems.length > 0)
    throw new Error(
      `the policy document "${path}" is invalid:\n${problems.map((p) => `  - ${describeProblem(p)}`).join('\n')}`,
    );
  return loaded;
}
