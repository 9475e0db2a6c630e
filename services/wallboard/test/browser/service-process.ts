import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spawnOwned, stopProcess, withTimeout } from '@slawatch/test';

const BIN = fileURLToPath(new URL('../../../../apps/slawatch/bin/slawatch.js', import.meta.url));

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** What it has written so far, for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `slawatch run <service>` as its own process, as an operator runs it; resolves once it
 * has logged `ready` (at the info level). The harness kills it if the test process dies.
 */
export async function startService(
  service: string,
  ready: string,
  env: Record<string, string>,
): Promise<ServiceProcess> {
  const child = spawnOwned(process.execPath, [BIN, 'run', service], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const started = new Promise<void>((resolve, reject) => {
    const take = (d: Buffer) => {
      // Enough to explain a failure; a gateway logs a line per request.
      out = (out + d.toString()).slice(-64 * 1024);
      if (out.includes(ready)) resolve();
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.once('exit', (code) => reject(new Error(`the ${service} exited (${code}):\n${out}`)));
  });
  try {
    await withTimeout(started, 30_000, `the ${service} to log "${ready}"`);
  } catch (error) {
    await stopProcess(child);
    throw new Error(`${(error as Error).message}; it said:\n${out}`);
  }
  return { child, output: () => out, stop: () => stopProcess(child) };
}
