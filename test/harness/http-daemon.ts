import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary } from './find-binary.js';
import { freePort } from './free-port.js';
import { LogTail } from './log-tail.js';
import { trackDir, untrackDir } from './process-registry.js';
import { spawnOwned } from './spawn-owned.js';
import { stopProcess } from './stop-process.js';

/** A private server process with an HTTP readiness endpoint (Prometheus, Alertmanager). */
export interface HttpDaemon {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Stops it and removes its dir. */
  stop(): Promise<void>;
}

const host = '127.0.0.1';

/**
 * Starts `binary` (from `debianPackage`) with a fresh temp dir holding `files`, listening on
 * a free loopback port (`args` gets the dir and `host:port`), and resolves once
 * `readyPath` answers 2xx. A start that fails shows the program's last lines.
 *
 * @throws MissingBinaryError if the program is not installed
 */
export async function startHttpDaemon(options: {
  readonly binary: string;
  readonly debianPackage: string;
  readonly files: Readonly<Record<string, string>>;
  readonly args: (dir: string, listen: string) => string[];
  readonly readyPath: string;
  readonly startTimeoutMs?: number;
}): Promise<HttpDaemon> {
  const binary = findBinary(options.binary, [options.debianPackage]);
  const dir = await mkdtemp(join(tmpdir(), `slawatch-${options.binary}-`));
  trackDir(dir);
  for (const [name, text] of Object.entries(options.files)) await writeFile(join(dir, name), text);
  const port = await freePort(host);
  const url = `http://${host}:${port}`;
  const tail = new LogTail();
  const child = spawnOwned(binary, options.args(dir, `${host}:${port}`), {
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => tail.push(c));
  child.stderr?.on('data', (c: Buffer) => tail.push(c));
  const stop = async () => {
    await stopProcess(child, { graceMs: 5_000 });
    await rm(dir, { recursive: true, force: true });
    untrackDir(dir);
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${options.binary} exited with ${child.exitCode}:\n${tail.toString()}`);
    }
    const ready = await fetch(`${url}${options.readyPath}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.binary} did not become ready:\n${tail.toString()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
