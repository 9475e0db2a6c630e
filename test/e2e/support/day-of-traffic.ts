import { event } from './events.js';
import { seeded } from './random-lifecycles.js';

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/**
 * A day of helpdesk traffic for the metric tests: tickets created over 24 hours ending at
 * `end`, across teams, queues, channels, tiers, agents, requesters and categories, with
 * replies, customer follow-ups, pauses, solves, reopens, escalations, CSAT and NPS surveys
 * and a few deletions. Some tickets are still open at `end`; a few events are delivered
 * late (swapped with their neighbour) or twice.
 */
export function dayOfTraffic(tickets: number, seed: number, end: number): object[] {
  const r = seeded(seed);
  const out: object[] = [];
  const minute = 60_000;
  for (let n = 0; n < tickets; n++) {
    const id = `M-${seed}-${n}`;
    let t = end - 24 * 3_600_000 + Math.floor(r() * 24 * 60) * minute;
    const events: object[] = [
      event(id, t, 'ticket.created', {
        priority: pick(r, ['urgent', 'high', 'normal', 'low']),
        channel: pick(r, ['email', 'chat', 'phone']),
        team: pick(r, ['emea', 'us', 'apac']),
        queue: pick(r, ['billing', 'tech']),
        customerTier: pick(r, ['enterprise', 'standard']),
        assigneeId: r() < 0.8 ? pick(r, ['ana', 'bo', 'cy', 'di']) : undefined,
        requesterId: `req-${Math.floor(r() * 40)}`,
        category: pick(r, ['login', 'invoice', 'bug']),
      }),
    ];
    const steps = Math.floor(r() * 10);
    for (let k = 0; k < steps; k++) {
      // Mostly minutes apart; now and then at the same instant (ties keep produce order).
      t += Math.floor(r() * 90) * minute + (r() < 0.1 ? 0 : 1000 * Math.floor(r() * 60));
      if (t > end) break;
      const x = r();
      if (x < 0.35)
        events.push(
          event(id, t, 'ticket.commented', {
            author: pick(r, ['agent', 'agent', 'customer', 'system']),
            public: r() < 0.85,
          }),
        );
      else if (x < 0.6)
        events.push(
          event(id, t, 'ticket.status_changed', {
            status: pick(r, ['open', 'pending', 'on_hold', 'solved', 'solved', 'closed']),
          }),
        );
      else if (x < 0.67)
        events.push(
          event(id, t, 'ticket.updated', {
            changes: { priority: pick(r, ['urgent', 'high', 'normal', 'low']) },
          }),
        );
      else if (x < 0.74)
        events.push(event(id, t, 'ticket.assigned', { assigneeId: pick(r, ['ana', 'bo', 'cy']) }));
      else if (x < 0.84)
        events.push(
          event(id, t, 'ticket.surveyed', { kind: 'csat', score: 1 + Math.floor(r() * 5) }),
        );
      else if (x < 0.9)
        events.push(event(id, t, 'ticket.surveyed', { kind: 'nps', score: Math.floor(r() * 11) }));
      else if (x < 0.98) events.push(event(id, t, 'ticket.escalated', { level: 1 }));
      else events.push(event(id, t, 'ticket.deleted'));
    }
    for (let i = 0; i + 1 < events.length; i++)
      if (r() < 0.15) [events[i], events[i + 1]] = [events[i + 1]!, events[i]!];
    for (const e of [...events])
      if (r() < 0.05) events.splice(Math.floor(r() * (events.length + 1)), 0, e);
    out.push(...events);
  }
  return out;
}
