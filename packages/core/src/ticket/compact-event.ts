import type { AcceptedEvent, TicketEvent } from '../contract/ticket-event.js';
import { EVENT_TYPES, type EventType } from '../contract/vocabulary.js';
import { formatInstant, type Instant } from '../time/instant.js';

/**
 * An event as a ticket's stored history keeps it: `[type, time, seq, key, data]`. The
 * envelope is dropped (the ticket id is the record's own key) and (`source`, `id`) is
 * reduced to a 53-bit hash, which only has to tell apart the tens of events of one
 * ticket. This keeps an open ticket's Redis record to a few hundred bytes.
 */
export type CompactEvent = [type: number, time: Instant, seq: number, key: string, data: object];

/** The `source` of a decoded compact event; a valid event's source is never empty. */
const COMPACT_SOURCE = '';

/** 53 bits of a string's FNV-1a-style hash, in base 36 (two independent 32-bit lanes). */
export function hashKey(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return base36((a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff));
}

/** 36^5: below it, a number is a small integer that V8 writes in base 36 quickly. */
const FIVE_DIGITS = 36 ** 5;

/**
 * A non-negative integer below 2^53 in base 36, exactly as `n.toString(36)` writes it, four
 * times faster: V8 formats a number that large in a radix through its general (fractional)
 * path, a microsecond for every event the tracker takes (bench:pipeline profile, issue 18).
 * Written as its two halves around the fifth digit, each a small integer that `toString`
 * writes by its integer path: a digit at a time, the string was built again for every
 * digit.
 */
export function base36(n: number): string {
  if (n < FIVE_DIGITS) return n.toString(36);
  const high = Math.floor(n / FIVE_DIGITS);
  return high.toString(36) + (n - high * FIVE_DIGITS).toString(36).padStart(5, '0');
}

/**
 * The key the compact form keeps of an event, its (`source`, `id`) hashed: the same for an
 * event as delivered and as decoded from a stored history, so it can name an event (a
 * survey on the follow-up list) across deliveries.
 */
export const compactKey = (event: Pick<TicketEvent, 'source' | 'id'>): string =>
  // A decoded compact event (empty source, which no valid event has) keeps its hash.
  event.source === COMPACT_SOURCE ? event.id : hashKey(`${event.source}\u0000${event.id}`);

/**
 * The compact form of an accepted event; `decodeCompact` reverses it for the fold. An event
 * decoded from a compact form gives that form back, not a copy: each new event of a batch
 * is encoded once to be compared with the stored ones and again to be stored (issue 18).
 */
export function encodeCompact(e: AcceptedEvent): CompactEvent {
  const { event } = e;
  if (event instanceof DecodedEvent && event.compact[1] === e.time && event.compact[2] === e.seq)
    return event.compact;
  return [EVENT_TYPES.indexOf(event.type), e.time, e.seq, compactKey(event), event.data];
}

/**
 * A decoded compact event. A class, not an object literal with a getter: the literal made
 * a closure and an accessor of its own for every event, ten times the cost of this, and
 * every event a shape of its own for the fold to read (issue 18). Its `time` is formatted
 * only when read: the fold works on the instant, and every stored event is decoded on
 * each delivery to its ticket (bench:pipeline profile).
 */
class DecodedEvent {
  readonly specversion = '1.0';
  readonly source = COMPACT_SOURCE;

  readonly id: string;
  readonly type: EventType;
  readonly data: object;

  constructor(
    readonly subject: string,
    /** The form it was decoded from. */
    readonly compact: CompactEvent,
  ) {
    this.id = compact[3];
    this.type = EVENT_TYPES[compact[0]] as EventType;
    this.data = compact[4];
  }

  get time(): string {
    return formatInstant(this.compact[1]);
  }
}

/**
 * Rebuilds an event the engine can fold. Its `source` is empty and its `id` is the hash,
 * so compare and deduplicate events in compact form only (see `encodeCompact`).
 */
export function decodeCompact(ticketId: string, c: CompactEvent): AcceptedEvent {
  return { event: new DecodedEvent(ticketId, c) as unknown as TicketEvent, time: c[1], seq: c[2] };
}
