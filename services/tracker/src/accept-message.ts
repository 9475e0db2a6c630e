import { decodeEvent, formatInstant, type Instant, type TicketEvent } from '@slawatch/core';

/** What the tracker makes of one Kafka message: an event to fold, or why it is refused. */
export type MessageVerdict =
  | { readonly ok: true; readonly event: TicketEvent; readonly time: Instant }
  | { readonly ok: false; readonly reason: string };

export interface MessageLimits {
  /** `SLAWATCH_MAX_EVENT_BYTES`. */
  readonly maxEventBytes: number;
  /** `SLAWATCH_MAX_EVENT_FUTURE`: how far an event may lie ahead of `now` (0: no check). */
  readonly maxFutureMs: number;
}

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
    return {
      ok: false,
      reason: `message of ${value.length} bytes is over the ${limits.maxEventBytes}-byte limit (SLAWATCH_MAX_EVENT_BYTES)`,
    };
  const r = decodeEvent(value.toString('utf8'));
  if (!r.ok) return { ok: false, reason: r.reason };
  if (limits.maxFutureMs > 0 && r.time > now + limits.maxFutureMs)
    return {
      ok: false,
      reason: `time: ${r.event.time} is more than ${limits.maxFutureMs} ms after the tracker's clock (${formatInstant(now)}; SLAWATCH_MAX_EVENT_FUTURE)`,
    };
  return { ok: true, event: r.event, time: r.time };
}
