import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withTimeout } from '../../harness/index.js';

const bin = fileURLToPath(new URL('../../../apps/slawatch/bin/slawatch.js', import.meta.url));

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote to stderr and stdout so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `slawatch run <service>` as its own process, as an operator would. */
export function startService(service: string, env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, [bin, 'run', service], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

/** Waits until the process has logged `text`, failing with its output after `ms`. */
export async function waitForOutput(p: ServiceProcess, text: string, ms: number): Promise<void> {
  const seen = new Promise<void>((resolve) => {
    const check = () => {
      if (p.output().includes(text)) resolve();
      else setTimeout(check, 50);
    };
    check();
  });
  await withTimeout(seen, ms, `"${text}" in the service's output:\n${p.output()}`);
}
