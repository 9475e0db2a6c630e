import { event } from './events.js';

/** mulberry32, so a failing differential run can be replayed from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/**
 * Random ticket lifecycles as a helpdesk would publish them, then made hostile: each
 * ticket's events are shuffled within a small window (late events) and some are
 * published twice (redelivery). Times fall on a coarse grid so ties happen.
 */
export function randomLifecycles(
  tickets: number,
  seed: number,
  base = Date.parse('2026-11-23T06:00:00Z'),
) {
  const r = seeded(seed);
  const out: object[] = [];
  for (let n = 0; n < tickets; n++) {
    const id = `R-${seed}-${n}`;
    let t = base + Math.floor(r() * 48) * 3_600_000;
    const events: object[] = [
      event(id, t, 'ticket.created', {
        priority: pick(r, ['urgent', 'high', 'normal', 'low']),
        channel: pick(r, ['email', 'chat']),
        team: pick(r, ['emea', 'us']),
        customerTier: pick(r, ['vip', 'standard']),
      }),
    ];
    const steps = Math.floor(r() * 14);
    for (let k = 0; k < steps; k++) {
      t += Math.floor(r() * 8) * 15 * 60_000;
      const x = r();
      if (x < 0.3)
        events.push(
          event(id, t, 'ticket.commented', {
            author: pick(r, ['agent', 'customer', 'system']),
            public: r() < 0.8,
          }),
        );
      else if (x < 0.6)
        events.push(
          event(id, t, 'ticket.status_changed', {
            status: pick(r, ['open', 'pending', 'on_hold', 'solved', 'closed', 'new']),
          }),
        );
      else if (x < 0.7)
        events.push(
          event(id, t, 'ticket.updated', {
            changes: { priority: pick(r, ['urgent', 'high', 'normal', 'low']) },
          }),
        );
      else if (x < 0.8)
        events.push(
          event(id, t, 'ticket.assigned', { assigneeId: 'a-1', team: pick(r, ['emea', 'us']) }),
        );
      else if (x < 0.9)
        events.push(
          event(id, t, 'ticket.surveyed', { kind: 'csat', score: 1 + Math.floor(r() * 5) }),
        );
      else if (x < 0.97) events.push(event(id, t, 'ticket.escalated', { level: 1 }));
      else events.push(event(id, t, 'ticket.deleted'));
    }
    for (let i = 0; i + 1 < events.length; i++)
      if (r() < 0.3) [events[i], events[i + 1]] = [events[i + 1]!, events[i]!];
    for (const e of [...events])
      if (r() < 0.1) events.splice(Math.floor(r() * (events.length + 1)), 0, e);
    out.push(...events);
  }
  return out;
}
