import { formatInstant, type Instant } from '../time/instant.js';
import type { ValidationProblem } from '../validation/validation-problem.js';
import type { TicketEvent } from './ticket-event.js';
import { validateEvent } from './validate-event.js';

/** The bounds an event must keep besides the contract, wherever it comes in. */
export interface MessageLimits {
  /** `SLAWATCH_MAX_EVENT_BYTES`: of the event's JSON text, in UTF-8. */
  readonly maxEventBytes: number;
  /** `SLAWATCH_MAX_EVENT_FUTURE`: how far an event may lie ahead of `now` (0: no check). */
  readonly maxFutureMs: number;
}

/** `SLAWATCH_MAX_EVENT_FUTURE`'s default: a day. */
export const DEFAULT_MAX_FUTURE_MS = 86_400_000;

/** The size rule's message, for a `what` (message, event) of `bytes`. */
export const eventSizeRule = (what: string, bytes: number, limit: number): string =>
  `${what} of ${bytes} bytes is over the ${limit}-byte limit (SLAWATCH_MAX_EVENT_BYTES)`;

/** Why `event` lies too far ahead of `now`, or null when it does not. */
export function eventTimeAheadRule(
  event: TicketEvent,
  time: Instant,
  limits: MessageLimits,
  now: number,
): string | null {
  if (limits.maxFutureMs <= 0 || time <= now + limits.maxFutureMs) return null;
  return `${event.time} is more than ${limits.maxFutureMs} ms after the tracker's clock (${formatInstant(now)}; SLAWATCH_MAX_EVENT_FUTURE)`;
}

/**
 * The UTF-8 length of `text`, as Buffer.byteLength gives it, without Node's Buffer (the
 * core runs anywhere): a surrogate pair is 4 bytes, a lone surrogate 3 (U+FFFD).
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** An event as the HTTP ingest takes it: the message it becomes, or every problem found. */
export type EventVerdict =
  | {
      readonly ok: true;
      readonly event: TicketEvent;
      /** The message value the tracker will read: the event as sent, in JSON. */
      readonly text: string;
    }
  | { readonly ok: false; readonly problems: readonly ValidationProblem[] };

/**
 * The tracker's rules (`acceptMessage`) for an event already parsed from JSON, with the
 * problems kept apart so an HTTP answer can name each by its path: what this accepts, the
 * tracker accepts from the topic (given a clock no earlier than `now`).
 */
export function acceptEvent(value: unknown, limits: MessageLimits, now: number): EventVerdict {
  const r = validateEvent(value);
  if (!r.ok) return { ok: false, problems: r.problems };
  const text = JSON.stringify(value);
  const bytes = utf8Length(text);
  if (bytes > limits.maxEventBytes)
    return {
      ok: false,
      problems: [{ path: '', message: eventSizeRule('event', bytes, limits.maxEventBytes) }],
    };
  const ahead = eventTimeAheadRule(r.event, r.time, limits, now);
  if (ahead !== null) return { ok: false, problems: [{ path: 'time', message: ahead }] };
  return { ok: true, event: r.event, text };
}
