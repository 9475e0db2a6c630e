import type { ChildProcess } from 'node:child_process';

/**
 * Asks a child to stop with `signal`, then SIGKILLs it after `graceMs`, and resolves once it
 * has exited. By then Node has reaped it, so its pid no longer exists.
 */
export async function stopProcess(
  child: ChildProcess,
  { signal = 'SIGTERM', graceMs = 5_000 }: { signal?: NodeJS.Signals; graceMs?: number } = {},
): Promise<void> {
  // No pid: it never started (spawn failed), so there is no 'exit' to wait for.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
