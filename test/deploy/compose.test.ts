import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '@slawatch/core';
import { readText, readYaml, record, repoPath, run } from './deploy-files.js';

const SLAWATCH = ['tracker', 'alerter', 'notifier', 'gateway'] as const;
const RESTART = ['always', 'unless-stopped', 'on-failure'];

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  restart?: string;
  profiles?: string[];
  ports?: string[];
}

const compose = () =>
  record(
    record(readYaml('docker-compose.yml'), 'docker-compose.yml').services,
    'services',
  ) as Record<string, ComposeService>;

/** `${VAR:-default}` → default, as compose reads it with VAR unset. */
const withDefaults = (text: string) => text.replace(/\$\{\w+:-([^}]*)\}/g, '$1');

/** `docker-compose` (Debian's, 1.29), which validates a compose file without an engine. */
const dockerCompose = (args: readonly string[]) =>
  run('docker-compose', ['docker-compose'], ['-f', 'docker-compose.yml', ...args]);

/** The services a plain `docker compose up` starts: those of no profile. */
const defaultProfile = () =>
  Object.fromEntries(Object.entries(compose()).filter(([, s]) => s.profiles === undefined));

/** The services of the `cluster` profile. */
const clusterProfile = () =>
  Object.fromEntries(
    Object.entries(compose()).filter(([, s]) => s.profiles?.includes('cluster') === true),
  );

/** Services that others wait for to exit successfully: they run once. */
const oneShots = (services: Record<string, ComposeService>) =>
  new Set(
    Object.values(services).flatMap((s) =>
      Object.entries(s.depends_on ?? {})
        .filter(([, d]) => d.condition === 'service_completed_successfully')
        .map(([name]) => name),
    ),
  );

/** `redis-server`'s options as a map: `--port 7000` → port: '7000'. */
function redisOptions(command: readonly string[]): Map<string, string> {
  expect(command[0]).toBe('redis-server');
  const options = new Map<string, string>();
  for (let i = 1; i < command.length; i += 2) options.set(command[i]!, command[i + 1]!);
  return options;
}

/** The nodes of the cluster profile's Redis Cluster: `host:port` → service name. */
function clusterNodes(services: Record<string, ComposeService>): Map<string, string> {
  const nodes = new Map<string, string>();
  for (const [name, s] of Object.entries(services))
    if (s.command?.[0] === 'redis-server' && s.command.includes('--cluster-enabled'))
      nodes.set(`${name}:${redisOptions(s.command).get('--port') ?? '6379'}`, name);
  return nodes;
}

/** A shell script in a compose command, with compose's `$$` turned back into `$`. */
const script = (s: ComposeService) => s.command!.at(-1)!.replaceAll('$$', '$');

describe('docker-compose.yml', () => {
  it('is valid for `docker-compose config`, with and without the simulator and cluster profiles', async () => {
    for (const args of [
      ['config', '-q'],
      ['--profile', 'simulator', 'config', '-q'],
      ['--profile', 'cluster', 'config', '-q'],
    ]) {
      const { code, output } = await dockerCompose(args);
      expect(code, output).toBe(0);
    }
    // Debian's docker-compose lists the services of every profile.
    const { output } = await dockerCompose(['--profile', 'simulator', 'config', '--services']);
    const stack = [
      'alertmanager',
      'alerter',
      'gateway',
      'grafana',
      'kafka',
      'notifier',
      'prometheus',
      'redis',
      'tracker',
    ];
    const cluster = [
      ...['redis-c1', 'redis-c2', 'redis-c3', 'redis-c4', 'redis-c5', 'redis-c6'],
      ...['redis-cluster-create', 'cluster-tracker', 'cluster-alerter', 'cluster-notifier'],
      'cluster-gateway',
    ];
    expect(output.trim().split('\n').sort()).toEqual([...stack, 'simulator', ...cluster].sort());
    expect(Object.keys(defaultProfile()).sort()).toEqual(stack.sort());
  });

  it('gives every service a health check, and a restart policy unless it runs once', () => {
    const services = compose();
    const once = oneShots(services);
    expect([...once]).toEqual(['redis-cluster-create']);
    for (const [name, s] of Object.entries(services)) {
      expect(s.healthcheck?.test, `${name}: healthcheck`).toBeTruthy();
      expect(s.healthcheck?.disable, `${name}: healthcheck disabled`).not.toBe(true);
      // A one-shot restarted on failure would race `docker compose up`, which is waiting
      // for its exit code.
      if (once.has(name)) expect(s.restart, `${name}: restart`).toBe('no');
      else expect(RESTART, `${name}: restart`).toContain(s.restart);
    }
  });

  it('publishes each host port once, whichever profiles run', () => {
    const published = Object.values(compose()).flatMap((s) =>
      (s.ports ?? []).map((p) => withDefaults(p).split(':')[0]),
    );
    expect(new Set(published).size).toBe(published.length);
  });

  it('runs Kafka in KRaft mode on one node, and Redis with AOF on a volume', () => {
    const { kafka, redis } = compose();
    expect(kafka!.image).toMatch(/^apache\/kafka:/);
    expect(kafka!.environment!.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(JSON.stringify(kafka!.healthcheck!.test)).toContain(
      '/opt/kafka/bin/kafka-broker-api-versions.sh',
    );
    expect(redis!.command!.join(' ')).toContain('--appendonly yes');
    // The metric buckets' memory (docs/metrics.md, "Memory").
    expect(redis!.command!.join(' ')).toContain('--hash-max-listpack-entries 1024');
    expect(redis!.volumes!.some((v) => v.endsWith(':/data'))).toBe(true);
  });

  it('builds tracker, alerter, notifier and gateway from deploy/Dockerfile, after Kafka and Redis are healthy, with the policy file mounted', () => {
    const services = compose();
    for (const name of SLAWATCH) {
      const s = services[name]!;
      expect(s.build, name).toEqual({ context: '.', dockerfile: 'deploy/Dockerfile' });
      expect(s.command, name).toEqual(['run', name]);
      expect(s.depends_on, name).toEqual({
        kafka: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
      const policies = s.environment!.SLAWATCH_POLICIES!;
      expect(
        s.volumes!.some((v) => withDefaults(v).split(':')[1] === policies),
        name,
      ).toBe(true);
      // Health on the port the process really serves: the gateway's, or the ops port.
      const port =
        name === 'gateway' ? s.environment!.SLAWATCH_HTTP_PORT : s.environment!.SLAWATCH_OPS_PORT;
      expect((s.healthcheck!.test as string[]).join(' '), name).toContain(
        `http://127.0.0.1:${port}/`,
      );
    }
    expect(services.simulator!.profiles).toEqual(['simulator']);
    expect(services.simulator!.command![0]).toBe('simulate-traffic');
  });

  it('mounts files that exist, and Prometheus scrapes each slawatch service on its port', () => {
    const services = compose();
    for (const [name, s] of Object.entries(services))
      for (const volume of s.volumes ?? []) {
        const source = withDefaults(volume).split(':')[0]!;
        if (source.startsWith('.'))
          expect(existsSync(repoPath(source)), `${name}: ${source}`).toBe(true);
      }
    const prometheus = record(readYaml('deploy/prometheus/prometheus.yml'), 'prometheus.yml');
    const jobs = prometheus.scrape_configs as {
      job_name: string;
      dns_sd_configs?: { names: string[]; port: number }[];
    }[];
    for (const name of SLAWATCH) {
      const job = jobs.find((j) => j.job_name === `slawatch-${name}`);
      const env = services[name]!.environment!;
      expect(job?.dns_sd_configs?.[0], name).toEqual(
        expect.objectContaining({
          names: [name],
          port: Number(name === 'gateway' ? env.SLAWATCH_HTTP_PORT : env.SLAWATCH_OPS_PORT),
        }),
      );
    }
  });

  it('leaves Redis Cluster out of the default profile', () => {
    for (const [name, s] of Object.entries(defaultProfile())) {
      expect(s.environment?.SLAWATCH_REDIS_CLUSTER, name).toBeUndefined();
      expect(s.command?.join(' ') ?? '', name).not.toContain('--cluster-enabled');
    }
    for (const name of SLAWATCH)
      expect(compose()[name]!.environment!.SLAWATCH_REDIS_URL).toBe('redis://redis:6379');
  });

  it('runs six Redis Cluster nodes in the cluster profile, each with AOF on its own volume and announcing its service name', () => {
    const services = clusterProfile();
    const nodes = clusterNodes(services);
    expect([...nodes.values()]).toEqual([
      'redis-c1',
      'redis-c2',
      'redis-c3',
      'redis-c4',
      'redis-c5',
      'redis-c6',
    ]);
    const volumes = new Set<string>();
    for (const name of nodes.values()) {
      const s = services[name]!;
      expect(s.image, name).toBe('redis:7.4-alpine');
      const options = redisOptions(s.command!);
      expect(Object.fromEntries(options), name).toMatchObject({
        '--cluster-enabled': 'yes',
        '--cluster-config-file': 'nodes.conf',
        '--cluster-node-timeout': '5000',
        '--appendonly': 'yes',
        '--hash-max-listpack-entries': '1024',
        // Clients are sent to names, which resolve in compose's network, not to addresses.
        '--cluster-announce-hostname': name,
        '--cluster-preferred-endpoint-type': 'hostname',
      });
      const data = s.volumes!.find((v) => v.endsWith(':/data'));
      expect(data, name).toBeDefined();
      volumes.add(data!.split(':')[0]!);
    }
    expect(volumes.size).toBe(6);
  });

  it('forms the cluster with a one-shot service: all six nodes, a replica per master, after they are healthy', async () => {
    const services = clusterProfile();
    const nodes = clusterNodes(services);
    const create = services['redis-cluster-create']!;
    expect(create.image).toBe('redis:7.4-alpine');
    expect(create.depends_on).toEqual(
      Object.fromEntries([...nodes.values()].map((n) => [n, { condition: 'service_healthy' }])),
    );
    const text = script(create);
    const command = /redis-cli --cluster create ((?:\S+ )+)--cluster-replicas 1 --cluster-yes/.exec(
      text,
    );
    expect(command, text).not.toBeNull();
    expect(command![1]!.trim().split(' ').sort()).toEqual([...nodes.keys()].sort());
    // Idempotent: it creates only while redis-c1 knows no other node.
    expect(text).toMatch(
      /cluster_known_nodes\)" -eq 1 \]; then\s+#[^\n]*\n\s+redis-cli --cluster create/,
    );
    const { code, output } = await run('sh', ['dash'], ['-n', '-c', text]);
    expect(code, output).toBe(0);
  });

  it('runs tracker, alerter, notifier and gateway on the cluster in the cluster profile, once it is formed', () => {
    const services = clusterProfile();
    const nodes = clusterNodes(services);
    const lanes = new Set<string | undefined>();
    for (const name of SLAWATCH) {
      const s = services[`cluster-${name}`]!;
      expect(s, name).toBeDefined();
      expect(s.build, name).toEqual({ context: '.', dockerfile: 'deploy/Dockerfile' });
      expect(s.command, name).toEqual(['run', name]);
      expect(s.depends_on, name).toEqual({
        kafka: { condition: 'service_healthy' },
        'redis-cluster-create': { condition: 'service_completed_successfully' },
      });
      const env = s.environment!;
      expect(env.SLAWATCH_REDIS_URL, name).toBeUndefined();
      const seeds = env.SLAWATCH_REDIS_CLUSTER!.split(',');
      expect(seeds.sort(), name).toEqual([...nodes.keys()].sort());
      // Own consumer group: the single-Redis trackers' would split the partitions between
      // two Redis when both stacks run.
      expect(env.SLAWATCH_GROUP_ID, name).not.toBe(
        compose().tracker!.environment!.SLAWATCH_GROUP_ID,
      );
      lanes.add(env.SLAWATCH_METRIC_LANES);
    }
    // The same number of metric lanes in every process.
    expect(lanes.size).toBe(1);
    expect([...lanes][0]).toMatch(/^(auto|[1-9]\d*)$/);
  });

  it('leaves the deliveries to the notifier beside the alerter, in both stacks', () => {
    const services = compose();
    for (const prefix of ['', 'cluster-']) {
      const alerter = services[`${prefix}alerter`]!;
      expect(alerter.environment!.SLAWATCH_ALERTER_DELIVERS, `${prefix}alerter`).toBe('false');
      // Still told everything else the shared settings say.
      expect(alerter.environment, `${prefix}alerter`).toMatchObject(
        services[`${prefix}tracker`]!.environment!,
      );
      expect(services[`${prefix}notifier`]!.command, `${prefix}notifier`).toEqual([
        'run',
        'notifier',
      ]);
    }
  });

  it('mounts a valid policy document by default', () => {
    const volume = compose().tracker!.volumes![0]!;
    const file = withDefaults(volume).split(':')[0]!;
    expect(existsSync(repoPath(file)), `${file} (the demo policy document) is missing`).toBe(true);
    const loaded = parsePolicyDocument(readText(file));
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
  });
});
