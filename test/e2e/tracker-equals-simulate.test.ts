import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '@slawatch/core';
import { readTicketView } from '@slawatch/store';
import { startPipeline, type Pipeline } from './support/pipeline.js';
import { randomLifecycles } from './support/random-lifecycles.js';
import { waitUntil } from './support/wait-until.js';

const POLICIES = `
calendars:
  - id: office
    timezone: Europe/Berlin
    weekly: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-13:00", "14:00-17:00"] }
policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { firstResponse: 15m, nextResponse: 30m, resolution: 4h }
    warnAt: [0.5, 0.75]
  - id: emea-high
    match: { priority: [high], team: [emea] }
    calendar: office
    targets: { firstResponse: 1h, resolution: 8h }
  - id: vip
    match: { customerTier: [vip] }
    calendar: office
    targets: { firstResponse: 2h, nextResponse: 4h, resolution: 16h }
    pauseOn: [on_hold]
`;

const drained = (p: Pipeline, count: number, timeoutMs: number) =>
  waitUntil(
    () => p.tracker.stats.events >= count,
    timeoutMs,
    `the tracker to consume ${count} events`,
  );

describe('the live pipeline agrees with simulate', () => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline('differential', POLICIES, { alerter: false });
  });
  afterAll(async () => p?.stop());

  it('gives every ticket the view simulate gives, over 1,000 random lifecycles delivered late and twice', async () => {
    const events = randomLifecycles(1000, 7);
    for (let i = 0; i < events.length; i += 500) await p.produce(events.slice(i, i + 500));
    await drained(p, events.length, 60_000);
    // A later redelivery of every fifth event, in batches of its own.
    const again = events.filter((_, i) => i % 5 === 0);
    await p.produce(again);
    await drained(p, events.length + again.length, 60_000);
    const at = Date.parse('2026-11-26T12:00:00Z');
    const expected = simulate(
      events.map((value) => ({ value })),
      p.policies,
      at,
    );
    expect(expected.rejected).toEqual([]);
    const ids = [...new Set(events.map((e) => (e as { subject: string }).subject))];
    const byId = new Map(expected.tickets.map((t) => [t.ticketId, t]));
    let compared = 0;
    const distinct = new Map<string, Set<string>>();
    for (const e of events as { subject: string; id: string }[])
      distinct.set(e.subject, (distinct.get(e.subject) ?? new Set()).add(e.id));
    const records = await p.store.load(ids);
    for (const id of ids) {
      const live = await readTicketView(p.store, id, at, p.policies);
      expect(live, id).toEqual(byId.get(id) ?? null);
      // Nothing counted twice: redelivered events are not stored again.
      expect(records.get(id)!.history, id).toHaveLength(distinct.get(id)!.size);
      compared++;
    }
    expect(compared).toBe(1000);
    // The comparison covers every outcome, not just trivial tickets.
    expect(expected.tickets.length).toBeGreaterThan(700);
    const states = new Set(expected.tickets.flatMap((t) => t.clocks.map((c) => c.state)));
    expect([...states].sort()).toEqual(['breached', 'cancelled', 'met', 'paused', 'running']);
  });
});
