import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV, loadServiceConfig } from '../src/index.js';

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
