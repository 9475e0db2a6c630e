import { validateEvent, type AcceptedEvent } from '@slawatch/core';

let seq = 0;
const accepted = (subject: string, time: string, type: string, data: object): AcceptedEvent => {
  const r = validateEvent({
    specversion: '1.0',
    id: `job-${++seq}`,
    source: 't',
    type,
    subject,
    time,
    data,
  });
  if (!r.ok) throw new Error(r.reason);
  return { event: r.event, time: r.time, seq };
};

/**
 * A history of urgent tickets (customer `acme`), each created at its time in its team and
 * answered publicly by an agent at its reply time, as the jobs' tests fold it.
 */
export function answeredTickets(
  tickets: Record<string, { team: string; created: string; reply: string }>,
): Map<string, AcceptedEvent[]> {
  return new Map(
    Object.entries(tickets).map(([id, t]) => [
      id,
      [
        accepted(id, t.created, 'ticket.created', {
          priority: 'urgent',
          channel: 'chat',
          team: t.team,
          customerId: 'acme',
        }),
        accepted(id, t.reply, 'ticket.commented', { author: 'agent', public: true }),
      ],
    ]),
  );
}
