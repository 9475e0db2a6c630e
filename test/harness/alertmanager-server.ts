import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary } from './find-binary.js';
import { freePort } from './free-port.js';
import { LogTail } from './log-tail.js';
import { trackDir, untrackDir } from './process-registry.js';
import { spawnOwned } from './spawn-owned.js';
import { stopProcess } from './stop-process.js';

export interface AlertmanagerServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The alerts Alertmanager holds (API v2 `GET /api/v2/alerts`), active and resolved. */
  alerts(filter?: string): Promise<
    {
      labels: Record<string, string>;
      annotations: Record<string, string>;
      startsAt: string;
      endsAt: string;
      status: { state: string };
    }[]
  >;
  stop(): Promise<void>;
}

const host = '127.0.0.1';

/**
 * Starts a private Alertmanager (Debian's `prometheus-alertmanager`) with a route to a
 * receiver that sends nothing, its own data dir, no cluster, on a free loopback port, and
 * resolves once it is ready.
 *
 * @throws MissingBinaryError if it is not installed
 */
export async function startAlertmanager(): Promise<AlertmanagerServer> {
  const binary = findBinary('prometheus-alertmanager', ['prometheus-alertmanager']);
  const dir = await mkdtemp(join(tmpdir(), 'slawatch-alertmanager-'));
  trackDir(dir);
  await writeFile(
    join(dir, 'alertmanager.yml'),
    'route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n',
  );
  const port = await freePort(host);
  const url = `http://${host}:${port}`;
  const tail = new LogTail();
  const child = spawnOwned(
    binary,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=${host}:${port}`,
      '--cluster.listen-address=',
    ],
    { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (c: Buffer) => tail.push(c));
  child.stderr?.on('data', (c: Buffer) => tail.push(c));
  const stop = async () => {
    await stopProcess(child, { graceMs: 5_000 });
    await rm(dir, { recursive: true, force: true });
    untrackDir(dir);
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`alertmanager exited with ${child.exitCode}:\n${tail.toString()}`);
    }
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`alertmanager did not become ready:\n${tail.toString()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async alerts(filter) {
      const query = filter ? `&filter=${encodeURIComponent(filter)}` : '';
      const response = await fetch(
        `${url}/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true${query}`,
      );
      if (!response.ok) throw new Error(`GET /api/v2/alerts: ${response.status}`);
      return (await response.json()) as Awaited<ReturnType<AlertmanagerServer['alerts']>>;
    },
    stop,
  };
}
