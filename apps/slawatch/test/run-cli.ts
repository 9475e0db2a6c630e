import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/slawatch.js', import.meta.url));

/**
 * Runs the built `slawatch` command as a user would, and returns what it printed. Only
 * PATH and `env` reach it: a developer's own SLAWATCH_* settings must not leak in.
 */
export function runCli(args: readonly string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    input,
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
