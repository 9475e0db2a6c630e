import fc from 'fast-check';
import { ev } from './events.js';

const BASE = Date.parse('2026-11-23T06:00:00Z');
const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;

/** An ISO time `minutes` after the base (few distinct values, so ties happen often). */
const at = (minutes: number) =>
  new Date(BASE + minutes * 60_000).toISOString().replace('.000Z', 'Z');

const step = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('comment' as const),
      author: fc.constantFrom('agent', 'customer', 'system'),
      public: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      status: fc.constantFrom('open', 'pending', 'on_hold', 'solved', 'closed', 'new'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      priority: fc.constantFrom(...PRIORITIES),
      team: fc.constantFrom('emea', 'us', 'fast'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('assign' as const),
      team: fc.constantFrom('emea', 'us', 'fast'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('escalate' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('survey' as const),
      score: fc.integer({ min: 1, max: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
);

/**
 * A random lifecycle of one ticket: a creation and up to 25 further events, at times drawn
 * from a coarse grid over four days (so equal times are common), in production order.
 */
export const lifecycleArb = (subject = 'T') =>
  fc
    .record({
      created: fc.record({
        minute: fc.integer({ min: 0, max: 600 }),
        priority: fc.constantFrom(...PRIORITIES),
        team: fc.constantFrom('emea', 'us', 'fast'),
        tier: fc.constantFrom('vip', 'standard'),
      }),
      steps: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: 480 }).map((n) => n * 12),
          step,
        ),
        { maxLength: 25 },
      ),
    })
    .map(({ created, steps }) => {
      const events = [
        ev(subject, at(created.minute), 'ticket.created', {
          priority: created.priority,
          channel: 'email',
          team: created.team,
          customerTier: created.tier,
        }),
      ];
      for (const [minute, s] of steps) {
        const time = at(minute);
        switch (s.kind) {
          case 'comment':
            events.push(
              ev(subject, time, 'ticket.commented', { author: s.author, public: s.public }),
            );
            break;
          case 'status':
            events.push(ev(subject, time, 'ticket.status_changed', { status: s.status }));
            break;
          case 'update':
            events.push(
              ev(subject, time, 'ticket.updated', {
                changes: { priority: s.priority, team: s.team },
              }),
            );
            break;
          case 'assign':
            events.push(ev(subject, time, 'ticket.assigned', { assigneeId: 'a-1', team: s.team }));
            break;
          case 'escalate':
            events.push(ev(subject, time, 'ticket.escalated', { level: 1 }));
            break;
          case 'survey':
            events.push(ev(subject, time, 'ticket.surveyed', { kind: 'csat', score: s.score }));
            break;
          case 'delete':
            events.push(ev(subject, time, 'ticket.deleted'));
            break;
        }
      }
      return events;
    });

/**
 * Reorders `events` randomly while keeping events with the same time in their relative
 * order (the contract's only ordering promise) — the deliveries a Kafka producer may make.
 */
export const reorderKeepingTies = (
  events: readonly Record<string, unknown>[],
  keys: readonly number[],
) => {
  const order = events.map((_, i) => i).sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0));
  // Within each time, hand the chosen slots back to the events in their original order.
  const slotsByTime = new Map<unknown, number[]>();
  order.forEach((index, slot) => {
    const time = events[index]!.time;
    slotsByTime.set(time, [...(slotsByTime.get(time) ?? []), slot]);
  });
  const out: Record<string, unknown>[] = new Array<Record<string, unknown>>(events.length);
  const used = new Map<unknown, number>();
  events.forEach((e) => {
    const n = used.get(e.time) ?? 0;
    used.set(e.time, n + 1);
    out[slotsByTime.get(e.time)![n]!] = e;
  });
  return out;
};
