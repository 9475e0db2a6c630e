import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { parsePolicyDocument, type Notification } from '@slawatch/core';
import { createKeys, NotificationQueue } from '@slawatch/store';
import { createLogger } from '@slawatch/telemetry';
import { deleteKeysByPrefix } from '@slawatch/test';
import { createNotifier, type Notifier } from '../src/index.js';
import { breachNotification, LocalEndpoint } from './receiver-fixtures.js';

// The cap (issue 7): at most ratePerMinute messages a period; what it holds back goes out
// in the next period, grouped. The period is shortened from a minute to 3 s here.
const PERIOD = 3000;
const redis = new Redis(inject('redisUrl'));
const prefix = `cap-${Math.random().toString(36).slice(2, 8)}`;
const keys = createKeys(prefix);
const slack = new LocalEndpoint();
const loaded = parsePolicyDocument(`
policies: [{ id: p, targets: { firstResponse: 15m } }]
alerting:
  groupWindow: 1s
  receivers: [{ id: chat, type: slack, urlEnv: SLACK_URL, ratePerMinute: 2 }]
  route: { receivers: [chat] }
`);
if (!loaded.ok) throw new Error('test policies');
let notifier: Notifier;
let queue: NotificationQueue;

const waitFor = async (what: string, ok: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
const forTeam = (team: string): Notification => {
  const n = breachNotification();
  return { ...n, receiver: 'chat', id: `${n.id}-cap`, labels: { ...n.labels, team } };
};

beforeAll(async () => {
  const url = await slack.listen('/services/x');
  const delivery = { attempts: 5, baseDelayMs: 50, maxDelayMs: 200 };
  queue = new NotificationQueue(redis, keys, delivery);
  notifier = createNotifier({
    redis,
    keys,
    settings: loaded.policySet.alerting,
    env: { SLACK_URL: url },
    delivery,
    capPeriodMs: PERIOD,
    log: createLogger('test', 'silent'),
  });
  await notifier.start();
});
afterAll(async () => {
  await notifier?.stop();
  await queue?.close();
  slack.close();
  await deleteKeysByPrefix(redis, `{${prefix}:`);
  await redis.quit();
});

describe('the per-receiver cap', () => {
  it('sends at most the cap a period, and what it held back in the next one, grouped', async () => {
    // Start just after a period begins, so the whole burst falls in one period.
    await new Promise((r) => setTimeout(r, PERIOD - (Date.now() % PERIOD) + 50));
    const start = Date.now();
    const sent = ['a', 'b', 'c', 'd'].flatMap((team) => [forTeam(team), forTeam(team)]);
    await queue.enqueue(sent, Date.now());
    await waitFor('the first two', () => slack.got.length >= 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(slack.got).toHaveLength(2);
    await waitFor('the held back', () => slack.got.length >= 4);
    // Held back to the next period, then each team's two alerts as one message.
    expect(slack.got[2]!.at).toBeGreaterThanOrEqual(start - 50 + PERIOD - (start % PERIOD));
    const texts = slack.json<{ text: string }>().map((m) => m.text);
    for (const t of texts)
      expect(t).toMatch(/^:rotating_light: 2 SLA alerts for team [abcd]: 2 breaches$/);
    expect(new Set(texts).size).toBe(4);
  }, 20_000);
});
