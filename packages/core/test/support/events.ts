import type { AcceptedEvent, TicketEvent } from '../../src/index.js';
import { validateEvent } from '../../src/index.js';

let nextId = 0;

/** A contract event for ticket `subject` (valid unless the test breaks it on purpose). */
export function ev(
  subject: string,
  time: string,
  type: TicketEvent['type'],
  data: Record<string, unknown> = {},
  id = `e-${++nextId}`,
): Record<string, unknown> {
  return { specversion: '1.0', id, source: 'test', type, subject, time, data };
}

/** Validates events (throwing on an invalid one) and numbers them in the given order. */
export function accept(events: readonly Record<string, unknown>[]): AcceptedEvent[] {
  return events.map((raw, seq) => {
    const r = validateEvent(raw);
    if (!r.ok) throw new Error(`test event ${seq} is invalid: ${r.reason}`);
    return { event: r.event, time: r.time, seq };
  });
}
