import type { Message } from 'kafkajs';
import { generateHistory } from './generate-history.js';

/** The messages of one `bench:scale` run and their size. */
export interface ScaleMessages {
  readonly messages: readonly Message[];
  readonly tickets: number;
  readonly bytes: number;
}

/**
 * bench:pipeline's generated week (generate-history.ts: the same tickets, mix and ~1% late
 * deliveries), keyed by ticket, with every event time moved by one offset so the last
 * falls at `endAt`. The trackers run as processes on the real clock: without the move the
 * week would lie days in the past, every open clock would be long breached, and closed
 * tickets older than the retention would be handled differently from bench:pipeline (which
 * sets its in-process tracker's clock to just after the last event instead).
 */
export function scaleMessages(events: number, perTicket: number, endAt: number): ScaleMessages {
  const tickets = Math.max(1, Math.round(events / perTicket));
  const parsed = generateHistory(tickets, perTicket).map(
    (json) => JSON.parse(json) as { subject: string; time: string },
  );
  // A loop, not Math.max(...times): a spread of 100,000+ arguments overflows the stack.
  let last = -Infinity;
  for (const event of parsed) last = Math.max(last, Date.parse(event.time));
  const shift = endAt - last;
  let bytes = 0;
  const messages = parsed.map((event) => {
    const value = JSON.stringify({
      ...event,
      time: new Date(Date.parse(event.time) + shift).toISOString(),
    });
    bytes += Buffer.byteLength(value);
    return { key: event.subject, value };
  });
  return { messages, tickets, bytes };
}
