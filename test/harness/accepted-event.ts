import type { AcceptedEvent } from '@slawatch/core';

let seq = 0;

/**
 * An event of `subject` at `at` as the tracker takes it (validated, with its time and a
 * sequence), for tests that update tickets through the tracker's code: a fresh id and
 * sequence each, so none is taken for a repeat.
 */
export const acceptedEvent = (
  subject: string,
  at: number,
  type: AcceptedEvent['event']['type'],
  data: Record<string, unknown>,
): AcceptedEvent =>
  ({
    event: {
      specversion: '1.0',
      id: `accepted-${++seq}`,
      source: 'test',
      type,
      subject,
      time: new Date(at).toISOString(),
      data,
    },
    time: at,
    seq,
  }) as AcceptedEvent;
