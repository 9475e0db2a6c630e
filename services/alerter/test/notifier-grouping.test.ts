import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { parsePolicyDocument, type Notification } from '@slawatch/core';
import { createKeys, NotificationLog, NotificationQueue } from '@slawatch/store';
import { createLogger } from '@slawatch/telemetry';
import { deleteKeysByPrefix } from '@slawatch/test';
import { createNotifier, type Notifier } from '../src/index.js';
import { breachNotification, LocalEndpoint } from './receiver-fixtures.js';

// Grouping (issue 7): one team's alerts within the window reach people as one message.
const redis = new Redis(inject('redisUrl'));
const prefix = `group-${Math.random().toString(36).slice(2, 8)}`;
const keys = createKeys(prefix);
const slack = new LocalEndpoint();
const delivery = { attempts: 5, baseDelayMs: 50, maxDelayMs: 200 };
const loaded = parsePolicyDocument(`
policies: [{ id: p, targets: { firstResponse: 15m } }]
alerting:
  groupWindow: 1s
  receivers: [{ id: chat, type: slack, urlEnv: SLACK_URL, ratePerMinute: 100000 }]
  route: { receivers: [chat] }
`);
if (!loaded.ok) throw new Error('test policies');
let notifier: Notifier;
let queue: NotificationQueue;
type Message = {
  text: string;
  blocks: { text?: { text: string }; elements?: { text: string }[] }[];
};

const waitFor = async (what: string, ok: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};
const forTeam = (team: string | null, level: 'breach' | 'at_risk' = 'breach'): Notification => {
  const n = breachNotification();
  return { ...n, receiver: 'chat', id: `${n.id}-chat`, labels: { ...n.labels, team, level } };
};

beforeAll(async () => {
  const url = await slack.listen('/services/x');
  queue = new NotificationQueue(redis, keys, delivery);
  notifier = createNotifier({
    redis,
    keys,
    settings: loaded.policySet.alerting,
    env: { SLACK_URL: url },
    delivery,
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

describe('grouping alerts for people', () => {
  it('sends one team’s alerts of a window as one message, summing up past the first ten', async () => {
    const emea = [
      ...Array.from({ length: 11 }, () => forTeam('emea')),
      ...Array.from({ length: 2 }, () => forTeam('emea', 'at_risk')),
    ];
    const us = forTeam('us');
    await queue.enqueue([...emea, us], Date.now());
    await waitFor('two messages', () => slack.got.length >= 2);
    await new Promise((r) => setTimeout(r, 1500)); // nothing more comes for them
    const messages = slack.json<Message>();
    expect(messages).toHaveLength(2);
    const digest = messages.find((m) => m.text.includes('team emea'))!;
    expect(digest.text).toBe(
      ':rotating_light: 13 SLA alerts for team emea: 11 breaches, 2 at-risk alerts',
    );
    expect(digest.blocks[1]!.text!.text.split('\n')).toHaveLength(10);
    expect(digest.blocks[2]!.elements![0]!.text).toBe('and 3 more: 3 breaches');
    // A team with a single alert gets the ordinary message.
    const single = messages.find((m) => !m.text.includes('team emea'))!;
    expect(single.text).toBe(`:rotating_light: Breached: First response SLA of ${us.ticketId}`);
    // Every alert is recorded delivered, each once.
    const recorded = await new NotificationLog(redis, keys).recent(100);
    expect(
      recorded
        .filter((r) => r.outcome === 'delivered')
        .map((r) => r.id)
        .sort(),
    ).toEqual([...emea, us].map((n) => n.id).sort());
  });

  it('keeps alerts waiting when the grouped send fails, and sends them all on its retry', async () => {
    slack.got.length = 0;
    slack.answers = [503];
    const two = [forTeam('apac'), forTeam('apac')];
    await queue.enqueue(two, Date.now());
    await waitFor('the retry', () => slack.got.length >= 2);
    const [failed, retried] = slack.json<Message>();
    expect(retried).toEqual(failed);
    expect(retried!.text).toContain('2 SLA alerts for team apac');
  });
});
