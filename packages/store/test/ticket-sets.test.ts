import { afterAll, describe, expect, it } from 'vitest';
import { parsePolicyDocument, type AcceptedEvent } from '@slawatch/core';
import type { TimerQueue } from '../src/index.js';
import { updateTickets } from '../src/index.js';
import { STORE_TARGETS } from './store-targets.js';
import { acceptedEvent } from '@slawatch/test';
import { trackedStore } from './tracked-store.js';

// The tickets and clocks behind the counts (metrics/ticket-sets.ts), kept per metric lane
// and read as one list (merged-pages.ts): on one Redis and on a cluster of six lanes.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;
const loaded = parsePolicyDocument(`
policies:
  - { id: p, targets: { firstResponse: 15m } }
`);
if (!loaded.ok) throw new Error('policies');
const policies = loaded.policySet;

const event = acceptedEvent;

describe.each(STORE_TARGETS)('ticket sets behind the counts, on $name', (target) => {
  const redis = target.connect();
  const opened: TimerQueue[] = [];
  afterAll(async () => {
    for (const t of opened) await t.close();
    await redis.quit();
  });

  const setUp = () => trackedStore(redis, target.lanes, policies, opened, 'sets');

  it('lists 40 tickets over the lanes oldest first, and follows them out of the backlog', async () => {
    const { deps, metrics, lists } = setUp();
    // Ten batches a minute apart, four tickets each: "since" is the batch that counted them.
    for (let b = 0; b < 10; b++) {
      const at = NOW - (40 - b) * MINUTE;
      const batch = new Map<string, AcceptedEvent[]>();
      for (let i = 0; i < 4; i++) {
        const id = `S-${b}-${i}`;
        batch.set(id, [event(id, at, 'ticket.created', { priority: 'normal', channel: 'email' })]);
      }
      await updateTickets(deps, batch, at);
    }
    const listed = await lists.tickets({ statuses: ['new'] });
    expect(listed).toHaveLength(40);
    const since = listed.map((t) => Date.parse(t.since));
    expect(since).toEqual([...since].sort((a, b) => a - b));
    // A short page is the oldest first.
    expect((await lists.tickets({ statuses: ['new'] }, {}, 8)).map((t) => t.ticketId)).toEqual(
      listed.slice(0, 8).map((t) => t.ticketId),
    );
    // Solved: out of the backlog; the first response of each breached long ago (15 minutes).
    const solved = new Map(
      listed
        .slice(0, 10)
        .map((t) => [
          t.ticketId,
          [event(t.ticketId, NOW - MINUTE, 'ticket.status_changed', { status: 'solved' })],
        ]),
    );
    await updateTickets(deps, solved, NOW);
    const left = await lists.tickets({ statuses: ['new', 'open', 'pending', 'on_hold'] });
    expect(left.map((t) => t.ticketId).sort()).toEqual(
      listed
        .slice(10)
        .map((t) => t.ticketId)
        .sort(),
    );
    const counts = (await metrics.query({ windowMs: HOUR, dimension: 'all' }, NOW)).values['*']!;
    expect(left).toHaveLength(counts.now.backlog.total);
    const breachedNow = await lists.tickets({ breached: true });
    expect(breachedNow).toHaveLength(counts.now.openBreached);
    const outcomes = await lists.outcomes(NOW - HOUR, NOW, { outcome: 'breached' });
    expect(outcomes).toHaveLength(counts.breaches.firstResponse);
    const at = outcomes.map((o) => Date.parse(o.at));
    expect(at).toEqual([...at].sort((a, b) => b - a));
  });
});
