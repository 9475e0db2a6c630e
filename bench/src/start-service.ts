import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withTimeout } from '@slawatch/test';

const bin = fileURLToPath(new URL('../../apps/slawatch/bin/slawatch.js', import.meta.url));
const OUTPUT_KEPT = 64 * 1024;

/** A `slawatch run <service>` child process. */
export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** The last 64 KiB it wrote to stdout and stderr. */
  output(): string;
  /** Waits until it has logged `text`; fails with its output after `ms`, or if it exits. */
  waitFor(text: string, ms: number): Promise<void>;
  /** SIGTERM (a graceful stop), SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills what is still running, synchronously: the last resort when the bench exits. */
function killRunningSync(): void {
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
}

/**
 * Runs `slawatch run <service>` as its own process, as an operator would (the test's
 * e2e/support/service-process.ts, as a bench helper). It is killed when the bench exits,
 * however it exits.
 */
export function startService(service: string, env: Record<string, string>): ServiceProcess {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', killRunningSync);
  }
  const child = spawn(process.execPath, [bin, 'run', service], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 2 * OUTPUT_KEPT) out = out.slice(-OUTPUT_KEPT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    name: service,
    child,
    output: () => out.slice(-OUTPUT_KEPT),
    async waitFor(text, ms) {
      const seen = new Promise<void>((resolve, reject) => {
        const check = () => {
          if (out.includes(text)) resolve();
          else if (gone()) reject(new Error(`${service} exited:\n${out.slice(-4000)}`));
          else setTimeout(check, 50);
        };
        check();
      });
      await withTimeout(seen, ms, `"${text}" from ${service}:\n${out.slice(-4000)}`);
    },
    async stop(graceMs = 5_000) {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
