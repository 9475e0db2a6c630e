import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('slawatch run', () => {
  it('refuses to start on a bad configuration, listing every problem', () => {
    const r = runCli(['run', 'tracker'], undefined, {
      SLAWATCH_REDIS_URL: 'http://localhost',
      SLAWATCH_TOPIC: 'bad topic',
      SLAWATCH_RETENTION: '3d',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid configuration');
    for (const line of [
      'SLAWATCH_KAFKA_BROKERS: is required',
      'SLAWATCH_POLICIES: is required',
      'SLAWATCH_REDIS_URL: must be a redis:// or rediss:// URL',
      'SLAWATCH_TOPIC: must be a Kafka topic name',
      'SLAWATCH_RETENTION: days are ambiguous',
    ])
      expect(r.stderr).toContain(line);
  });

  it('refuses an invalid policy document before connecting to anything', () => {
    const r = runCli(['run', 'all'], undefined, {
      SLAWATCH_KAFKA_BROKERS: '127.0.0.1:1',
      SLAWATCH_POLICIES: '/nonexistent/policies.yaml',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read the policy document "/nonexistent/policies.yaml"');
  });

  it('names the services it can run', () => {
    const r = runCli(['run', 'gateways']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are tracker, alerter, notifier, gateway, all/);
  });
});
