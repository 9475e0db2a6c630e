import { seededRandom } from './seeded-random.js';

export const BENCH_POLICIES = `
calendars:
  - id: emea
    timezone: Europe/Berlin
    weekly:
      mon: ["08:00-12:00", "13:00-18:00"]
      tue: ["08:00-18:00"]
      wed: ["08:00-18:00"]
      thu: ["08:00-18:00"]
      fri: ["08:00-16:00"]
    holidays: [--12-25, --12-26, --01-01]
  - id: us
    timezone: America/New_York
    weekly: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
policies:
  - id: urgent
    match: { priority: [urgent] }
    calendar: 24x7
    targets: { firstResponse: 15m, nextResponse: 30m, resolution: 4h }
    warnAt: [0.5, 0.75]
  - id: emea-high
    match: { priority: [high], team: [emea] }
    calendar: emea
    targets: { firstResponse: 1h, nextResponse: 2h, resolution: 8h }
    warnAt: [0.75]
  - id: us-default
    match: { team: [us] }
    calendar: us
    targets: { firstResponse: 4h, resolution: 24h }
  - id: default
    calendar: emea
    targets: { firstResponse: 4h, nextResponse: 8h, resolution: 40h }
`;

const PRIORITIES = ['urgent', 'high', 'normal', 'normal', 'low'];
const TEAMS = ['emea', 'us', 'apac'];

/**
 * A week of support traffic: `tickets` tickets with about `perTicket` events each
 * (creation, replies, pauses, solves, some reopens and surveys), returned as JSON strings
 * in the order a helpdesk would publish them (by time, with ~1% arriving late). `span`
 * moves the tickets' creations to another stretch of time, and `prefix` their ids, so
 * that day after day can be generated into one history (bench:report).
 */
export function generateHistory(
  tickets: number,
  perTicket: number,
  seed = 42,
  span: { readonly start?: number; readonly ms?: number; readonly prefix?: string } = {},
): string[] {
  const random = seededRandom(seed);
  const start = span.start ?? Date.parse('2026-11-23T00:00:00Z');
  const week = span.ms ?? 7 * 86_400_000;
  const out: { time: number; json: string }[] = [];
  let id = 0;
  for (let n = 0; n < tickets; n++) {
    const subject = `${span.prefix ?? 'T'}-${n}`;
    let time = start + Math.floor(random() * week);
    const push = (type: string, data: object, late = false) => {
      const publishedAt = late ? time + 600_000 : time;
      out.push({
        time: publishedAt,
        json: JSON.stringify({
          specversion: '1.0',
          id: `b-${++id}`,
          source: 'bench',
          type,
          subject,
          time: new Date(time).toISOString(),
          data,
        }),
      });
    };
    const team = TEAMS[Math.floor(random() * TEAMS.length)]!;
    push('ticket.created', {
      priority: PRIORITIES[Math.floor(random() * PRIORITIES.length)],
      channel: 'email',
      team,
      customerTier: random() < 0.2 ? 'enterprise' : 'standard',
      requesterId: `c-${Math.floor(random() * tickets)}`,
      tags: ['billing'],
    });
    let status = 'new';
    for (let k = 1; k < perTicket; k++) {
      time += Math.floor(random() * 3 * 3_600_000);
      const r = random();
      const late = random() < 0.01;
      // About a third of the week's tickets are still open at the end, with clocks running.
      if (k === perTicket - 1 && random() < 0.65)
        push('ticket.status_changed', { status: 'solved' }, late);
      else if (r < 0.35) push('ticket.commented', { author: 'agent', public: true }, late);
      else if (r < 0.6) push('ticket.commented', { author: 'customer', public: true }, late);
      else if (r < 0.7) push('ticket.commented', { author: 'agent', public: false }, late);
      else if (r < 0.85) {
        status = status === 'pending' ? 'open' : 'pending';
        push('ticket.status_changed', { status }, late);
      } else if (r < 0.9)
        push('ticket.assigned', { assigneeId: `a-${Math.floor(random() * 200)}` }, late);
      else if (r < 0.95)
        push(
          'ticket.updated',
          { changes: { priority: PRIORITIES[Math.floor(random() * PRIORITIES.length)] } },
          late,
        );
      else push('ticket.escalated', { level: 1 }, late);
    }
  }
  out.sort((a, b) => a.time - b.time);
  return out.map((e) => e.json);
}
