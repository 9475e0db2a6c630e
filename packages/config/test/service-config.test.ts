import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV, loadServiceConfig, redisSetting, redisTarget } from '../src/index.js';

const required = {
  SLAWATCH_KAFKA_BROKERS: 'a:9092, b:9093',
  SLAWATCH_POLICIES: '/etc/slawatch/policies.yaml',
};

describe('service configuration', () => {
  it('applies the documented defaults', () => {
    const r = loadServiceConfig(required);
    expect(r.ok && r.config).toMatchObject({
      SLAWATCH_KAFKA_BROKERS: ['a:9092', 'b:9093'],
      SLAWATCH_REDIS_URL: 'redis://127.0.0.1:6379',
      SLAWATCH_TOPIC: 'tickets.events',
      SLAWATCH_DLQ_TOPIC: 'tickets.events.dlq',
      SLAWATCH_GROUP_ID: 'slawatch-tracker',
      SLAWATCH_RETENTION: 168 * 3_600_000,
      SLAWATCH_MAX_EVENT_BYTES: 65_536,
    });
  });

  it('lists every problem at once', () => {
    const r = loadServiceConfig({
      SLAWATCH_KAFKA_BROKERS: 'nohost',
      SLAWATCH_MAX_EVENT_BYTES: '12',
      SLAWATCH_LOG_LEVEL: 'loud',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path).sort()).toEqual([
      'SLAWATCH_KAFKA_BROKERS',
      'SLAWATCH_LOG_LEVEL',
      'SLAWATCH_MAX_EVENT_BYTES',
      'SLAWATCH_POLICIES',
    ]);
    expect(r.message).toContain('SLAWATCH_KAFKA_BROKERS: "nohost" is not host:port');
  });

  it('is documented in docs/configuration.md, every variable with its default', () => {
    const doc = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
    for (const [name, spec] of Object.entries(ENV)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${name}\``));
      expect(row, `${name} has a row in docs/configuration.md`).toBeDefined();
      if (spec.default === undefined) expect(row).toContain('(required)');
      else if (spec.default === '') expect(row).toContain('(none)');
      else expect(row).toContain(`\`${spec.default}\``);
    }
  });
});

describe('the public address', () => {
  it('is none by default, and an http(s) URL without its trailing slash when set', () => {
    const none = loadServiceConfig(required);
    expect(none.ok && none.config.SLAWATCH_PUBLIC_URL).toBeNull();
    const set = loadServiceConfig({
      ...required,
      SLAWATCH_PUBLIC_URL: 'https://sla.example.com/board/',
    });
    expect(set.ok && set.config.SLAWATCH_PUBLIC_URL).toBe('https://sla.example.com/board');
    const bad = loadServiceConfig({ ...required, SLAWATCH_PUBLIC_URL: 'sla.example.com?x=1' });
    expect(bad.ok ? [] : bad.problems).toEqual([
      {
        path: 'SLAWATCH_PUBLIC_URL',
        message: 'must be an http(s) URL without a query or fragment',
      },
    ]);
  });
});

describe('Redis Cluster settings', () => {
  it('names a cluster by its seed nodes, and checks each is host:port', () => {
    const r = loadServiceConfig({ ...required, SLAWATCH_REDIS_CLUSTER: 'r1:7000, r2:7001' });
    expect(r.ok && r.config.SLAWATCH_REDIS_CLUSTER).toEqual(['r1:7000', 'r2:7001']);
    const bad = loadServiceConfig({ ...required, SLAWATCH_REDIS_CLUSTER: 'r1:7000,r2,r3:99999' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems).toEqual([
      { path: 'SLAWATCH_REDIS_CLUSTER', message: '"r2" is not host:port' },
      { path: 'SLAWATCH_REDIS_CLUSTER', message: '"r3:99999" is not host:port' },
    ]);
  });

  it('lets the cluster win over SLAWATCH_REDIS_URL when both are set', () => {
    const r = loadServiceConfig({
      ...required,
      SLAWATCH_REDIS_URL: 'redis://single:6379',
      SLAWATCH_REDIS_CLUSTER: 'r1:7000',
    });
    if (!r.ok) throw new Error(r.message);
    expect(redisTarget(r.config).cluster).toEqual(['r1:7000']);
    expect(redisSetting(r.config)).toBe('SLAWATCH_REDIS_CLUSTER');
  });

  it('takes `auto` or a number from 1 to 1024 as the metric lanes', () => {
    const lanes = (value: string) => {
      const r = loadServiceConfig({ ...required, SLAWATCH_METRIC_LANES: value });
      return r.ok ? r.config.SLAWATCH_METRIC_LANES : r.problems;
    };
    expect(lanes('auto')).toBe('auto');
    expect(lanes('6')).toBe(6);
    expect(lanes('0')).toEqual([
      { path: 'SLAWATCH_METRIC_LANES', message: 'must be from 1 to 1024' },
    ]);
    expect(lanes('many')).toEqual([
      { path: 'SLAWATCH_METRIC_LANES', message: 'must be `auto` or a whole number' },
    ]);
  });
});
