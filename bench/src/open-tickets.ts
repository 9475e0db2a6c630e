import { seededRandom } from './seeded-random.js';
import { ticketEvent } from './ticket-event.js';

const PRIORITIES = ['urgent', 'high', 'normal', 'normal', 'low'];
const TEAMS = ['emea', 'us', 'apac'];
// An open ticket's usual conversation: first reply, customer answer, hand-over, notes.
const STEPS: [type: string, data: object][] = [
  ['ticket.commented', { author: 'agent', public: true }],
  ['ticket.commented', { author: 'customer', public: true }],
  ['ticket.assigned', { assigneeId: 'a-17' }],
  ['ticket.commented', { author: 'agent', public: false }],
];

/**
 * `count` tickets that are all still open at `now`, with `eventsPerTicket` events each,
 * created within the half hour before `now` (the data of generate-history.ts), in the
 * order a helpdesk publishes them: by time, so one ticket's events reach the tracker in
 * different batches, as they do live.
 */
export function generateOpenTickets(
  count: number,
  eventsPerTicket: number,
  now: number,
  seed = 7,
): { subject: string; time: number; json: string }[] {
  const random = seededRandom(seed);
  const out: { subject: string; time: number; json: string }[] = [];
  for (let n = 0; n < count; n++) {
    const subject = `O-${n}`;
    let time = now - 1_800_000 + Math.floor(random() * 1_500_000);
    const push = (type: string, data: object) =>
      out.push({ subject, time, json: JSON.stringify(ticketEvent(subject, time, type, data)) });
    push('ticket.created', {
      priority: PRIORITIES[Math.floor(random() * PRIORITIES.length)],
      channel: 'email',
      team: TEAMS[Math.floor(random() * TEAMS.length)],
      customerTier: random() < 0.2 ? 'enterprise' : 'standard',
      requesterId: `c-${Math.floor(random() * count)}`,
      tags: ['billing'],
    });
    for (let k = 1; k < eventsPerTicket; k++) {
      time = Math.min(now - 1, time + 30_000 + Math.floor(random() * 60_000));
      const [type, data] = STEPS[(k - 1) % STEPS.length]!;
      push(type, data);
    }
  }
  return out.sort((a, b) => a.time - b.time);
}
