import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { uniqueGroupId, uniqueTopic } from '../harness/index.js';
import { startService, waitForOutput } from './support/service-process.js';

const POLICIES = `
policies: [{ id: all, targets: { firstResponse: 1h } }]
alerting:
  receivers: [{ id: hook, type: webhook, urlEnv: E2E_ALERTER_HOOK_URL, secretEnv: E2E_ALERTER_HOOK_SECRET }]
  route: { receivers: [hook] }
`;

describe('slawatch run alerter with receivers', () => {
  const env = () => {
    const dir = mkdtempSync(join(tmpdir(), 'slawatch-alerter-'));
    writeFileSync(join(dir, 'policies.yaml'), POLICIES);
    return {
      SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      SLAWATCH_REDIS_URL: inject('redisUrl'),
      SLAWATCH_POLICIES: join(dir, 'policies.yaml'),
      SLAWATCH_TOPIC: uniqueTopic('alerter-events'),
      SLAWATCH_GROUP_ID: uniqueGroupId('alerter'),
      SLAWATCH_KEY_PREFIX: `alerter-${Math.random().toString(36).slice(2, 8)}`,
    };
  };

  it('refuses to start while a receiver’s secret variable is unset, naming each', async () => {
    const p = startService('alerter', { ...env(), E2E_ALERTER_HOOK_URL: 'http://127.0.0.1:9/h' });
    expect((await p.exited).code).not.toBe(0);
    expect(p.output()).toContain(
      'alerting.receivers[0].secretEnv: environment variable E2E_ALERTER_HOOK_SECRET is not set',
    );
  });

  it('starts its notifier with them set, never logs the secret, and stops on SIGTERM', async () => {
    const secret = 'hook-secret-7f3a';
    const p = startService('alerter', {
      ...env(),
      E2E_ALERTER_HOOK_URL: 'http://127.0.0.1:9/h',
      E2E_ALERTER_HOOK_SECRET: secret,
      SLAWATCH_LOG_LEVEL: 'debug',
    });
    try {
      await waitForOutput(p, 'notifier delivering', 15_000);
      expect(p.output()).toContain('hook (webhook)');
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.output()).not.toContain(secret);
  });
});
