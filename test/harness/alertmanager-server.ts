import { startHttpDaemon } from './http-daemon.js';

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

/**
 * Starts a private Alertmanager (Debian's `prometheus-alertmanager`) with a route to a
 * receiver that sends nothing, its own data dir, no cluster, on a free loopback port, and
 * resolves once it is ready.
 *
 * @throws MissingBinaryError if it is not installed
 */
export async function startAlertmanager(): Promise<AlertmanagerServer> {
  const daemon = await startHttpDaemon({
    binary: 'prometheus-alertmanager',
    debianPackage: 'prometheus-alertmanager',
    files: { 'alertmanager.yml': 'route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n' },
    args: (dir, listen) => [
      `--config.file=${dir}/alertmanager.yml`,
      `--storage.path=${dir}/data`,
      `--web.listen-address=${listen}`,
      '--cluster.listen-address=',
    ],
    readyPath: '/-/ready',
  });
  return {
    ...daemon,
    async alerts(filter) {
      const query = filter ? `&filter=${encodeURIComponent(filter)}` : '';
      const response = await fetch(
        `${daemon.url}/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true${query}`,
      );
      if (!response.ok) throw new Error(`GET /api/v2/alerts: ${response.status}`);
      return (await response.json()) as Awaited<ReturnType<AlertmanagerServer['alerts']>>;
    },
  };
}
