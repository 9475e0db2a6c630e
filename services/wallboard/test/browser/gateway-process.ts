import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawnOwned, stopProcess, withTimeout } from '@slawatch/test';

const BIN = fileURLToPath(new URL('../../../../apps/slawatch/bin/slawatch.js', import.meta.url));
const WALLBOARD = fileURLToPath(new URL('../../dist/index.html', import.meta.url));

export interface GatewayProcess {
  readonly child: ChildProcess;
  /** What it has written so far, for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `slawatch run gateway` as its own process, as an operator runs it, serving the built
 * wallboard; resolves once it listens. The harness kills it if the test process dies.
 */
export async function startGateway(env: Record<string, string>): Promise<GatewayProcess> {
  if (!existsSync(WALLBOARD))
    throw new Error(`${WALLBOARD} is missing: build the wallboard first (npm run build)`);
  const child = spawnOwned(process.execPath, [BIN, 'run', 'gateway'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listening = new Promise<void>((resolve, reject) => {
    const take = (d: Buffer) => {
      // Enough to explain a failure; a gateway logs a line per request.
      out = (out + d.toString()).slice(-64 * 1024);
      if (out.includes('gateway listening')) resolve();
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.once('exit', (code) => reject(new Error(`the gateway exited (${code}):\n${out}`)));
  });
  try {
    await withTimeout(listening, 30_000, 'the gateway to listen');
  } catch (error) {
    await stopProcess(child);
    throw new Error(`${(error as Error).message}; it said:\n${out}`);
  }
  return { child, output: () => out, stop: () => stopProcess(child) };
}
