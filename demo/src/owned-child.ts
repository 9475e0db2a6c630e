import { createWriteStream } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { spawnOwned, stopProcess } from '@slawatch/test';

/** A child of the demo: its output kept in a log file and the last lines in memory. */
export interface OwnedChild {
  readonly name: string;
  readonly child: ChildProcess;
  /** The last lines it wrote, to show when it fails. */
  tail(): string;
  /** Resolves with its exit code (or signal) once it has ended. */
  readonly exited: Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const TAIL_LINES = 40;

/**
 * Runs `node <args>` so that it dies with the demo even if the demo is killed (the harness'
 * parent-death signal), writing its output to `logFile` and, when `echo` is given, each
 * line also to the terminal through it.
 */
export function ownedChild(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
  echo?: (line: string) => void,
): OwnedChild {
  const child = spawnOwned(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile, { flags: 'a' });
  const lines: string[] = [];
  let partial = '';
  const take = (data: Buffer) => {
    log.write(data);
    const text = partial + data.toString();
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
      echo?.(line);
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      log.end();
      resolve(signal ? `signal ${signal}` : `code ${code}`);
    }),
  );
  return {
    name,
    child,
    tail: () => [...lines, partial].filter((l) => l !== '').join('\n'),
    exited,
    stop: (signal = 'SIGTERM') => stopProcess(child, { signal, graceMs: 15_000 }),
  };
}
