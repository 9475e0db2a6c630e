import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { digestFigures, parsePolicyDocument, WEEKDAYS, type AcceptedEvent } from '@slawatch/core';
import {
  createKeys,
  createStoreAdapters,
  DigestLedger,
  NotificationLog,
  updateTickets,
  type UpdateDeps,
} from '@slawatch/store';
import { createLogger } from '@slawatch/telemetry';
import { deleteKeysByPrefix } from '@slawatch/test';
import { Registry } from 'prom-client';
import { createNotifier, ScheduledDigests, type Notifier } from '../src/index.js';
import type { DigestBody } from '../src/delivery/notification-body.js';
import { waitFor } from './notifier-fixture.js';
import { LocalEndpoint } from './receiver-fixtures.js';

// Scheduled digests on real Redis and BullMQ to a real local webhook: the slot is the whole
// UTC hour before the last one (so the buckets written now hold its week), a weekly digest
// per team and a daily one of every team.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const realNow = Date.now();
const SLOT = Math.floor(realNow / HOUR) * HOUR - HOUR;
const slotDate = new Date(SLOT);
const hhmm = `${String(slotDate.getUTCHours()).padStart(2, '0')}:00`;
const weekday = WEEKDAYS[(slotDate.getUTCDay() + 6) % 7]!;

const load = (yaml: string) => {
  const loaded = parsePolicyDocument(yaml);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.policySet;
};
const policies = load(`
policies:
  - { id: p, targets: { firstResponse: 1h } }
alerting:
  receivers: [{ id: hook, type: webhook, urlEnv: RECEIVER_URL }]
  digests:
    - { id: weekly, every: week, at: "${weekday} ${hhmm}", teams: [emea, us], receivers: [hook] }
    - { id: daily, every: day, at: "${hhmm}", receivers: [hook] }
`);
// The same receivers, with digests that no alerter ran at their slot.
const missed = load(`
policies:
  - { id: p, targets: { firstResponse: 1h } }
alerting:
  receivers: [{ id: hook, type: webhook, urlEnv: RECEIVER_URL }]
  digests:
    - { id: late-day, every: day, at: "${hhmm}", teams: [emea], receivers: [hook] }
    - { id: late-week, every: week, at: "${weekday} ${hhmm}", teams: [emea], receivers: [hook] }
`);

let n = 0;
const created = (id: string, at: number, team: string): AcceptedEvent => ({
  event: {
    specversion: '1.0',
    id: `sd-${++n}`,
    source: 'test',
    type: 'ticket.created',
    subject: id,
    time: new Date(at).toISOString(),
    data: { priority: 'normal', channel: 'email', team } as never,
  },
  time: at,
  seq: n,
});

describe('scheduled digests', () => {
  const redis = new Redis(inject('redisUrl'));
  const prefix = `sd-${Math.random().toString(36).slice(2, 8)}`;
  const keys = createKeys(prefix);
  const endpoint = new LocalEndpoint();
  const delivery = { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 };
  const adapters = createStoreAdapters(redis, keys, policies, {
    retentionMs: 7 * DAY,
    delivery,
  });
  const update: UpdateDeps = { ...adapters, announce: () => Promise.resolve() };
  const log = createLogger('test', 'silent');
  const ledger = new DigestLedger(redis, keys);
  const runner = (now: number, registry?: Registry, document = policies) =>
    new ScheduledDigests({
      ledger,
      metrics: adapters.metrics,
      policies: document,
      notifications: adapters.notifications!,
      publicUrl: 'https://slawatch.example.com',
      log,
      now: () => now,
      ...(registry ? { registry } : {}),
    });
  const bodies = () => endpoint.json<DigestBody>();
  let notifier: Notifier;

  beforeAll(async () => {
    const url = await endpoint.listen('/digests');
    notifier = createNotifier({
      redis,
      keys,
      settings: policies.alerting,
      env: { RECEIVER_URL: url },
      delivery,
      log,
    });
    await notifier.start();
    const history = new Map<string, AcceptedEvent[]>();
    for (let i = 0; i < 3; i++) history.set(`E-${i}`, [created(`E-${i}`, SLOT - 2 * HOUR, 'emea')]);
    history.set('U-1', [created('U-1', SLOT - 2 * HOUR, 'us')]);
    // In the day before: the daily digest's previous period, still in the week.
    history.set('E-old', [created('E-old', SLOT - 30 * HOUR, 'emea')]);
    await updateTickets(update, history, realNow);
  });

  afterAll(async () => {
    await notifier?.stop();
    await adapters.close();
    endpoint.close();
    await deleteKeysByPrefix(redis, prefix);
    await deleteKeysByPrefix(redis, `{${prefix}:`);
    await redis.quit();
  });

  it('queues each due digest once, even with two alerters at once, with the period’s figures', async () => {
    // The week before, as a digest sent then left it: the change is against it.
    const before = await adapters.metrics.period(
      { from: SLOT - 7 * DAY, to: SLOT, dimension: 'team', values: ['emea'] },
      SLOT,
    );
    const previous = { ...digestFigures(before.emea!), created: 2 };
    await ledger.keepHeadline('weekly', 'emea', {
      from: SLOT - 14 * DAY,
      to: SLOT - 7 * DAY,
      figures: previous,
    });

    const registry = new Registry();
    const [a, b] = [runner(SLOT + 2 * MINUTE, registry), runner(SLOT + 2 * MINUTE + 5)];
    expect(a.enabled).toBe(true);
    await Promise.all([a.round(), b.round()]);
    await waitFor('three digests', () => endpoint.got.length >= 3);
    await new Promise((r) => setTimeout(r, 300));
    const got = bodies().sort((x, y) => (x.id < y.id ? -1 : 1));
    const slot = new Date(SLOT).toISOString().replace('.000Z', 'Z');
    expect(got.map((g) => g.id)).toEqual([
      `digest/daily/all/${slot}/hook`,
      `digest/weekly/emea/${slot}/hook`,
      `digest/weekly/us/${slot}/hook`,
    ]);

    // The figures are MetricWindows.period's for the period.
    const week = { from: SLOT - 7 * DAY, to: SLOT };
    const emea = got[1]!;
    expect(emea).toMatchObject({
      kind: 'digest',
      digest: 'weekly',
      team: 'emea',
      every: 'week',
      period: {
        from: new Date(week.from).toISOString().replace('.000Z', 'Z'),
        to: slot,
      },
    });
    expect(emea.figures).toEqual(digestFigures(before.emea!));
    expect(emea.figures.created).toBe(4);
    expect(emea.previous).toEqual(previous);
    expect(emea.link).toBe(
      `https://slawatch.example.com/?page=reports&from=${encodeURIComponent(emea.period.from)}&to=${encodeURIComponent(slot)}&by=team`,
    );
    // No digest kept for us, and the week before is older than the buckets.
    expect(got[2]!.figures.created).toBe(1);
    expect(got[2]!.previous).toBeNull();
    // The daily digest of every team, compared with the day before from the buckets.
    expect(got[0]!.team).toBeNull();
    expect(got[0]!.figures.created).toBe(4);
    expect(got[0]!.previous?.created).toBe(1);
    expect(endpoint.got[0]!.headers['idempotency-key']).toMatch(/^digest\//);

    // In the delivery history's log, of no ticket (recorded just after each delivery).
    const history = new NotificationLog(redis, keys);
    let logged = await history.recent(10);
    for (let i = 0; i < 50 && logged.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 50));
      logged = await history.recent(10);
    }
    expect(logged.map((r) => r.level)).toEqual(['digest', 'digest', 'digest']);
    expect(logged[0]).toMatchObject({ ticketId: '', priority: null, outcome: 'delivered' });
    const metrics = await registry.getSingleMetricAsString('slawatch_digests_total');
    expect(metrics).toMatch(/outcome="sent"} [1-3]/);
  });

  it('does not send a slot again, and keeps its headline for the next period', async () => {
    await runner(SLOT + 5 * MINUTE).round();
    await new Promise((r) => setTimeout(r, 300));
    expect(endpoint.got).toHaveLength(3);
    const kept = await ledger.lastHeadline('weekly', 'emea');
    expect(kept).toMatchObject({ from: SLOT - 7 * DAY, to: SLOT });
    expect(kept!.figures.created).toBe(4);
  });

  it('sends a slot missed by every alerter late, once, while the buckets hold its period', async () => {
    const slot = new Date(SLOT).toISOString().replace('.000Z', 'Z');
    const late = [
      runner(SLOT + 20 * HOUR, undefined, missed),
      runner(SLOT + 20 * HOUR, undefined, missed),
    ];
    await Promise.all(late.map((r) => r.round()));
    await late[0]!.round();
    await waitFor('the late digest', () => endpoint.got.length >= 4);
    await new Promise((r) => setTimeout(r, 300));
    expect(
      bodies()
        .map((g) => g.id)
        .slice(3),
    ).toEqual([`digest/late-day/emea/${slot}/hook`]);
    expect(bodies()[3]!.figures.created).toBe(3);
    // The weekly one is too late: the first hours of its week have left the buckets.
    expect(await redis.get(keys.digest(`digest/late-week/emea/${slot}`))).toBe('sent');
  });

  it('fails /readyz when no round has finished for five minutes', async () => {
    let now = SLOT;
    const digests = new ScheduledDigests({
      ledger,
      metrics: adapters.metrics,
      policies,
      notifications: adapters.notifications!,
      publicUrl: null,
      log,
      now: () => now,
    });
    await expect(digests.checkRunning()).resolves.toBeUndefined();
    now += 6 * MINUTE;
    await expect(digests.checkRunning()).rejects.toThrow(/no round of scheduled digests/);
  });
});
