import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { parsePolicyDocument } from '@slawatch/core';
import { createKeys } from '@slawatch/store';
import { createLogger } from '@slawatch/telemetry';
import { deleteKeysByPrefix } from '@slawatch/test';
import { createNotifier } from '../src/index.js';

describe('a notifier\u2019s readiness (checkRunning)', () => {
  const redis = new Redis(inject('redisUrl'));
  const prefix = `notify-run-${Math.random().toString(36).slice(2, 8)}`;
  afterAll(async () => {
    await deleteKeysByPrefix(redis, `{${prefix}:`);
    await redis.quit();
  });

  it('fails naming the receivers before it starts, passes while it delivers, fails once stopped', async () => {
    const loaded = parsePolicyDocument(`
policies: [{ id: p, targets: { firstResponse: 15m } }]
alerting:
  receivers:
    - { id: hook, type: webhook, urlEnv: HOOK_URL }
    - { id: ops, type: alertmanager, url: "http://127.0.0.1:9/api/v2/alerts" }
  route: { receivers: [hook, ops] }
`);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const notifier = createNotifier({
      redis,
      keys: createKeys(prefix),
      settings: loaded.policySet.alerting,
      env: { HOOK_URL: 'http://127.0.0.1:9/hook' },
      log: createLogger('test', 'silent'),
    });
    await expect(notifier.checkRunning()).rejects.toThrow('not delivering to hook, ops');
    await notifier.start();
    await expect(notifier.checkRunning()).resolves.toBeUndefined();
    await notifier.stop();
    await expect(notifier.checkRunning()).rejects.toThrow('stopped');
  });
});
