import { afterAll, describe, expect, it } from 'vitest';
import { parsePolicyDocument, type PolicySet } from '@slawatch/core';
import { acceptedEvent } from '@slawatch/test';
import { DeltaSubscriber, updateTickets, type LiveDelta, type TimerQueue } from '../src/index.js';
import { STORE_TARGETS } from './store-targets.js';
import { trackedStore } from './tracked-store.js';

const MINUTE = 60_000;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;

const policies = (): PolicySet => {
  const r = parsePolicyDocument(
    'policies:\n  - { id: fast, targets: { firstResponse: 10m }, warnAt: [0.5] }\n',
  );
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.policySet;
};

describe.each(STORE_TARGETS)('the live delta of a batch, on $name', (target) => {
  const redis = target.connect();
  const opened: TimerQueue[] = [];
  afterAll(async () => {
    for (const t of opened) await t.close();
    await redis.quit();
  });

  it("carries every changed ticket's view and the alerts, as one JSON message", async () => {
    const { deps, keys } = trackedStore(redis, target.lanes, policies(), opened, 'delta');
    const heard: LiveDelta[] = [];
    const subscriber = new DeltaSubscriber(redis, keys);
    const stop = await subscriber.subscribe((d) => heard.push(d));
    // A team with quotes and a line separator: the view's JSON is spliced in as written.
    const team = 'emea "west"\u2028';
    const created = (id: string, at: number) =>
      acceptedEvent(id, at, 'ticket.created', { priority: 'urgent', channel: 'chat', team });
    await updateTickets(
      deps,
      new Map([
        ['L-1', [created('L-1', NOW - 6 * MINUTE)]],
        ['L-2', [created('L-2', NOW - MINUTE)]],
      ]),
      NOW,
    );
    for (let i = 0; i < 100 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect(heard).toHaveLength(1);
    const [delta] = heard;
    expect(delta!.at).toBe(new Date(NOW).toISOString().replace('.000Z', 'Z'));
    expect(Date.parse(delta!.publishedAt!)).toBeGreaterThanOrEqual(NOW);
    expect(delta!.tickets.map((t) => t.ticketId).sort()).toEqual(['L-1', 'L-2']);
    const first = delta!.tickets.find((t) => t.ticketId === 'L-1')!;
    expect(first).toMatchObject({ deleted: false, team, priority: 'urgent' });
    expect(first.view?.clocks[0]).toMatchObject({ kind: 'firstResponse', state: 'running' });
    // L-1 is 6 of its 10 minutes in: past half, at risk.
    expect(delta!.alerts).toEqual([
      expect.objectContaining({ type: 'sla.at_risk', ticketId: 'L-1', threshold: 0.5 }),
    ]);
  });
});
