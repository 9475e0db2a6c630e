import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary } from './find-binary.js';
import { freePort } from './free-port.js';
import { LogTail } from './log-tail.js';
import { trackDir, untrackDir } from './process-registry.js';
import { spawnOwned } from './spawn-owned.js';
import { stopProcess } from './stop-process.js';

export interface PrometheusServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Runs an instant PromQL query through Prometheus' HTTP API; the `result` vector. */
  query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  stop(): Promise<void>;
}

const host = '127.0.0.1';

/**
 * Starts a private Prometheus (Debian's `prometheus` package) that scrapes `targets`
 * (`host:port`) every `scrapeIntervalS` seconds, with its own data dir, and resolves once
 * it is ready.
 *
 * @throws MissingBinaryError if `prometheus` is not installed
 */
export async function startPrometheus(options: {
  targets: readonly string[];
  scrapeIntervalS?: number;
  startTimeoutMs?: number;
}): Promise<PrometheusServer> {
  const binary = findBinary('prometheus', ['prometheus']);
  const dir = await mkdtemp(join(tmpdir(), 'slawatch-prometheus-'));
  trackDir(dir);
  const interval = `${options.scrapeIntervalS ?? 1}s`;
  const config = [
    'global:',
    `  scrape_interval: ${interval}`,
    `  scrape_timeout: ${interval}`,
    'scrape_configs:',
    '  - job_name: slawatch',
    `    static_configs: [{ targets: ${JSON.stringify(options.targets)} }]`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'prometheus.yml'), config);
  const port = await freePort(host);
  const url = `http://${host}:${port}`;
  const tail = new LogTail();
  const child = spawnOwned(
    binary,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=${host}:${port}`,
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
  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited with ${child.exitCode}:\n${tail.toString()}`);
    }
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus did not become ready:\n${tail.toString()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async query(promql) {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await response.json()) as {
        status: string;
        error?: string;
        data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      if (body.status !== 'success') throw new Error(`query ${promql}: ${body.error}`);
      return body.data!.result;
    },
    stop,
  };
}
