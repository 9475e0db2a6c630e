import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, uniqueGroupId, uniqueTopic } from '../harness/index.js';
import {
  startService,
  waitForOutput,
  type ServiceProcess,
} from '../e2e/support/service-process.js';
import { repoPath } from './deploy-files.js';
import {
  dashboardQueries,
  metricNames,
  recordedNames,
  ruleQueries,
  variableMetrics,
  type Query,
} from './promql.js';

/** Series Prometheus makes itself, which no slawatch process exports. */
const PROMETHEUS_BUILT_INS = ['up'];

/** The metric names of a Prometheus text exposition (histograms and summaries expanded). */
function exposedNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const line of exposition.split('\n')) {
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (\w+)/.exec(line);
    if (type) for (const n of expand(type[1]!, type[2]!)) names.add(n);
    else if (line !== '' && !line.startsWith('#'))
      names.add(/^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)![0]);
  }
  return names;
}

function expand(name: string, type: string): string[] {
  if (type === 'histogram') return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
  if (type === 'summary') return [name, `${name}_sum`, `${name}_count`];
  return [name];
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) yield path;
  }
}

/**
 * The metrics registered with prom-client in the apps', services' and packages' sources:
 * `new Counter|Gauge|Histogram|Summary({ name: '...' })`, histograms expanded. For the
 * processes whose /metrics the test cannot reach, the source is the next best truth.
 */
function registeredNames(): Map<string, string> {
  const found = new Map<string, string>();
  const registration =
    /new\s+(Counter|Gauge|Histogram|Summary)\b(?:<[^>]*>)?\s*\(\s*\{[^}]*?\bname:\s*['"]([a-zA-Z_:][a-zA-Z0-9_:]*)['"]/g;
  for (const root of ['apps', 'services', 'packages']) {
    for (const workspace of readdirSync(repoPath(root))) {
      const src = repoPath(`${root}/${workspace}/src`);
      try {
        if (!statSync(src).isDirectory()) continue;
      } catch {
        continue;
      }
      for (const file of sourceFiles(src)) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(registration))
          for (const n of expand(m[2]!, m[1]!.toLowerCase()))
            found.set(n, file.slice(repoPath('').length));
      }
    }
  }
  return found;
}

/** The metrics the tracker and alerter processes are to export (the deployment issue). */
const TRACKER_AND_ALERTER = [
  'slawatch_build_info',
  'slawatch_tracker_consumer_lag',
  'slawatch_tracker_events_total',
  'slawatch_tracker_batch_duration_seconds_bucket',
  'slawatch_tracker_last_commit_timestamp_seconds',
  'slawatch_tracker_last_progress_timestamp_seconds',
  'slawatch_tracker_consuming',
  'slawatch_tracker_consumer_restarts_total',
  'slawatch_alerter_timers_fired_total',
  'slawatch_alerter_timer_lateness_seconds_bucket',
  'slawatch_alerter_due_timers',
  'slawatch_alerter_deliveries_total',
];

const ADMIN = 'deploy-metrics-admin-token-0123';

describe('every metric the dashboard and the alert rules query is one slawatch exports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slawatch-deploy-metrics-'));
  const processes: ServiceProcess[] = [];
  /** Name → where it was seen (a scrape, a source file). */
  const exported = new Map<string, string>(PROMETHEUS_BUILT_INS.map((n) => [n, 'Prometheus']));
  const scraped: Record<string, boolean> = {};

  async function scrape(url: string, p: ServiceProcess, ms: number): Promise<string | null> {
    const deadline = Date.now() + ms;
    let exited = false;
    void p.exited.then(() => (exited = true));
    while (Date.now() < deadline && !exited) {
      try {
        const res = await fetch(url);
        if (res.ok) return await res.text();
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return null;
  }

  beforeAll(async () => {
    const policyFile = join(dir, 'policies.yaml');
    writeFileSync(policyFile, 'policies:\n  - id: all\n    targets: { firstResponse: 1h }\n');
    const env = {
      SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      SLAWATCH_REDIS_URL: inject('redisUrl'),
      SLAWATCH_POLICIES: policyFile,
      SLAWATCH_TOPIC: uniqueTopic('deploy-metrics'),
      SLAWATCH_GROUP_ID: uniqueGroupId('deploy-metrics'),
      SLAWATCH_KEY_PREFIX: `dm-${Math.random().toString(36).slice(2, 8)}`,
      SLAWATCH_HTTP_HOST: '127.0.0.1',
      SLAWATCH_ADMIN_TOKEN: ADMIN,
      SLAWATCH_LOG_LEVEL: 'info',
    };
    const [http, trackerOps, alerterOps] = [await freePort(), await freePort(), await freePort()];
    const gateway = startService('gateway', { ...env, SLAWATCH_HTTP_PORT: String(http) });
    const tracker = startService('tracker', { ...env, SLAWATCH_OPS_PORT: String(trackerOps) });
    const alerter = startService('alerter', { ...env, SLAWATCH_OPS_PORT: String(alerterOps) });
    processes.push(gateway, tracker, alerter);

    await waitForOutput(gateway, 'gateway listening', 20_000);
    const gw = await scrape(`http://127.0.0.1:${http}/metrics`, gateway, 10_000);
    if (gw === null) throw new Error(`the gateway's /metrics did not answer:\n${gateway.output()}`);
    for (const n of exposedNames(gw)) exported.set(n, 'a running gateway');
    scraped.gateway = true;
    // The ops endpoints of `run tracker` and `run alerter`; while they are not there, the
    // names registered in the sources stand in.
    for (const [name, p, port] of [
      ['tracker', tracker, trackerOps],
      ['alerter', alerter, alerterOps],
    ] as const) {
      const text = await scrape(`http://127.0.0.1:${port}/metrics`, p, 15_000);
      scraped[name] = text !== null;
      if (text !== null) for (const n of exposedNames(text)) exported.set(n, `a running ${name}`);
    }
    for (const [n, file] of registeredNames()) if (!exported.has(n)) exported.set(n, file);
  }, 90_000);

  afterAll(async () => {
    for (const p of processes) p.child.kill('SIGTERM');
    await Promise.all(
      processes.map((p) =>
        Promise.race([
          p.exited,
          new Promise((resolve) => setTimeout(resolve, 10_000)).then(() => p.child.kill('SIGKILL')),
        ]),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const unknown = (queries: readonly Query[]) => {
    const recorded = recordedNames();
    const missing: string[] = [];
    for (const q of queries) {
      const names = metricNames(q.expr);
      if (names.length === 0) missing.push(`${q.where}: no metric name found in ${q.expr}`);
      for (const n of names)
        if (!exported.has(n) && !recorded.has(n)) missing.push(`${q.where}: ${n}`);
    }
    return missing;
  };

  it('the gateway was scraped; the tracker and alerter ops endpoints when they answer', () => {
    expect(scraped.gateway).toBe(true);
    // For the record: which names came from a scrape and which from the sources only.
    console.info(
      `scraped: ${Object.entries(scraped)
        .map(([k, v]) => `${k} ${v ? 'yes' : 'no (names from the sources)'}`)
        .join(', ')}`,
    );
  });

  it('the tracker and the alerter export the metrics the rules and the dashboard need', () => {
    const missing = TRACKER_AND_ALERTER.filter((n) => !exported.has(n));
    expect(
      missing,
      `not exported (or registered in services/*/src) yet: ${missing.join(', ')}`,
    ).toEqual([]);
  });

  it('every dashboard query and template variable names exported metrics', () => {
    expect(unknown([...dashboardQueries(), ...variableMetrics()])).toEqual([]);
  });

  it('every rule names exported metrics (or series the rules record)', () => {
    expect(unknown(ruleQueries())).toEqual([]);
  });

  it('the name scan finds what a query selects, and only that', () => {
    expect(
      metricNames(
        'histogram_quantile(0.9, sum by (le, team) (rate(a_bucket{team=~"$team",x="b c"}[$window]))) / on () group_left () (1 - 0.95) and b offset 5m or sum(c) by (job) > bool 1e3',
      ).sort(),
    ).toEqual(['a_bucket', 'b', 'c']);
    expect(metricNames('time() - max(slawatch_tracker_last_commit_timestamp_seconds)')).toEqual([
      'slawatch_tracker_last_commit_timestamp_seconds',
    ]);
  });
});
