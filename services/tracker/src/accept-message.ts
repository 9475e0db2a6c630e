import {
  decodeEvent,
  eventSizeRule,
  eventTimeAheadRule,
  type Instant,
  type MessageLimits,
  type TicketEvent,
} from '@slawatch/core';

/** What the tracker makes of one Kafka message: an event to fold, or why it is refused. */
export type MessageVerdict =
  | { readonly ok: true; readonly event: TicketEvent; readonly time: Instant }
  | { readonly ok: false; readonly reason: string };

/**
 * The tracker's rules for a message, in order: not empty, within the size limit, a valid
 * event (core's contract), and dated at most `maxFutureMs` after `now`. `slawatch rebuild`
 * applies the same rules with the message's own timestamp as `now`, so that it skips
 * exactly what the tracker dead-lettered.
 */
export function acceptMessage(
  value: Buffer | null,
  limits: MessageLimits,
  now: number,
): MessageVerdict {
  if (value === null || value.length === 0)
    return { ok: false, reason: 'empty message: a ticket event is a JSON CloudEvent' };
  if (value.length > limits.maxEventBytes)
    return { ok: false, reason: eventSizeRule('message', value.length, limits.maxEventBytes) };
  const r = decodeEvent(value.toString('utf8'));
  if (!r.ok) return { ok: false, reason: r.reason };
  const ahead = eventTimeAheadRule(r.event, r.time, limits, now);
  if (ahead !== null) return { ok: false, reason: `time: ${ahead}` };
  return { ok: true, event: r.event, time: r.time };
}
