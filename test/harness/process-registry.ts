import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

/**
 * Every process and temp dir the harness starts, so that none outlives the process that
 * started it: not when a test fails before its `stop()`, not when the runner is interrupted.
 */
const processes = new Set<ChildProcess>();
const dirs = new Set<string>();
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let hooksInstalled = false;

/** Registers a child so it is killed if this process exits or is signalled. */
export function trackProcess(child: ChildProcess): void {
  installHooks();
  processes.add(child);
  // Once it has exited (and been reaped) its pid may be reused: never signal it again.
  child.once('exit', () => processes.delete(child));
}

/** Registers a temp dir the harness created, removed at exit if nobody removed it before. */
export function trackDir(dir: string): void {
  installHooks();
  dirs.add(dir);
}

/** Forgets a temp dir that its owner has removed, or handed over to the caller. */
export function untrackDir(dir: string): void {
  dirs.delete(dir);
}

/**
 * Kills every tracked process that is still running, synchronously, and removes the tracked
 * dirs. Only pids this module was given are signalled; nothing is killed by name.
 */
export function killTrackedSync(): void {
  for (const child of processes) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        // SIGKILL: there is no later moment to escalate from SIGTERM, and kcat ignores
        // SIGTERM while it waits on stdin.
        child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  processes.clear();
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Best effort at exit: a leftover temp dir is harmless, a throw here is not.
    }
  }
  dirs.clear();
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killTrackedSync);
  // A test worker whose runner died (its IPC channel closed) can linger; its children must not.
  if (process.channel !== undefined) process.on('disconnect', killTrackedSync);
  for (const signal of signals) process.on(signal, onSignal);
}

function onSignal(signal: NodeJS.Signals): void {
  // Someone else handles it (a program such as the demo, stopping its children gracefully):
  // leave it to them. The exit hook still kills whatever is left when the process ends.
  if (process.listenerCount(signal) > 1) return;
  killTrackedSync();
  for (const s of signals) process.off(s, onSignal);
  // A listener replaces Node's default "die on signal". If nobody else (e.g. the test runner)
  // handles it, re-raise it so the process still ends the way it was asked to.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}
