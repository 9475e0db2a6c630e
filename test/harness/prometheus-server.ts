import { startHttpDaemon } from './http-daemon.js';

export interface PrometheusServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Runs an instant PromQL query through Prometheus' HTTP API; the `result` vector. */
  query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  stop(): Promise<void>;
}

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
  const daemon = await startHttpDaemon({
    binary: 'prometheus',
    debianPackage: 'prometheus',
    files: { 'prometheus.yml': config },
    args: (dir, listen) => [
      `--config.file=${dir}/prometheus.yml`,
      `--storage.tsdb.path=${dir}/data`,
      `--web.listen-address=${listen}`,
    ],
    readyPath: '/-/ready',
    ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}),
  });
  return {
    ...daemon,
    async query(promql) {
      const response = await fetch(
        `${daemon.url}/api/v1/query?query=${encodeURIComponent(promql)}`,
      );
      const body = (await response.json()) as {
        status: string;
        error?: string;
        data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      if (body.status !== 'success') throw new Error(`query ${promql}: ${body.error}`);
      return body.data!.result;
    },
  };
}
