import {
  AUTHORS,
  CHANNELS,
  EVENT_TYPES,
  PRIORITIES,
  STATUSES,
  type EventType,
} from './vocabulary.js';
import type { TicketEvent } from './ticket-event.js';

// The events contract of event-schema.ts, written out as plain checks for the common case:
// an event that passes. Interpreting the schema took a tenth of the tracker's catch-up
// (bench:pipeline profile, issue 18); these checks take a fraction of that. They accept
// only what the schema accepts, and build the same event its parse builds (the schema's
// key order, unknown keys of `data` dropped, unknown keys of the envelope and of
// `changes` kept after the known ones). Anything else, including whatever they are unsure
// of (an own `__proto__` key, an object not made by JSON.parse or a literal), returns
// null and goes to the schema, which names every problem. A test cross-checks the two
// (quick-accept.test.ts): change both together.

type Plain = Record<string, unknown>;
type DataCheck = (data: Plain) => Plain | null;

const MAX_TEXT = 256;
const oneOf = (values: readonly string[]) => {
  const set = new Set<unknown>(values);
  return (v: unknown): boolean => set.has(v);
};
const isPriority = oneOf(PRIORITIES);
const isChannel = oneOf(CHANNELS);
const isStatus = oneOf(STATUSES);
const isAuthor = oneOf(AUTHORS);
const isEventType = oneOf(EVENT_TYPES) as (v: unknown) => v is EventType;

const isText = (v: unknown): boolean =>
  typeof v === 'string' && v.length >= 1 && v.length <= MAX_TEXT;

function isPlain(v: unknown): v is Plain {
  return (
    typeof v === 'object' &&
    v !== null &&
    Object.getPrototypeOf(v) === Object.prototype &&
    !Object.hasOwn(v, '__proto__')
  );
}

function isTags(v: unknown): boolean {
  if (!Array.isArray(v) || v.length > 64) return false;
  for (let i = 0; i < v.length; i++) if (!isText(v[i]) || v.indexOf(v[i]) !== i) return false;
  return true;
}

function isAttributes(v: unknown): boolean {
  if (!isPlain(v)) return false;
  let count = 0;
  for (const key in v) {
    const value = v[key];
    const ok =
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      (typeof value === 'string' && value.length <= 1024);
    if (!ok || ++count > 64) return false;
  }
  return true;
}

/** A field of an object schema, in the schema's order: its name, check, and whether required. */
type Field = readonly [key: string, check: (v: unknown) => boolean, required: boolean];

/**
 * Copies the fields of `shape` that `data` has, in the shape's order, when each passes its
 * check and every required one is there; `keepUnknown` adds the other keys after them.
 */
function pick(data: Plain, shape: readonly Field[], keepUnknown = false): Plain | null {
  const out: Plain = {};
  for (const [key, check, required] of shape) {
    if (!(key in data)) {
      if (required) return null;
      continue;
    }
    if (!check(data[key])) return null;
    out[key] = data[key];
  }
  if (keepUnknown)
    for (const key in data) if (!shape.some(([k]) => k === key)) out[key] = data[key];
  return out;
}

const isBoolean = (v: unknown): boolean => typeof v === 'boolean';
const isLevel = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 1;
const isReason = (v: unknown): boolean => typeof v === 'string' && v.length <= 2000;

const CREATED: readonly Field[] = [
  ['priority', isPriority, true],
  ['channel', isChannel, true],
  ['status', isStatus, false],
  ['team', isText, false],
  ['queue', isText, false],
  ['assigneeId', isText, false],
  ['requesterId', isText, false],
  ['customerId', isText, false],
  ['customerTier', isText, false],
  ['category', isText, false],
  ['tags', isTags, false],
  ['attributes', isAttributes, false],
];
const CHANGES: readonly Field[] = [
  ['priority', isPriority, false],
  ['channel', isChannel, false],
  ['team', isText, false],
  ['queue', isText, false],
  ['customerTier', isText, false],
  ['category', isText, false],
  ['tags', isTags, false],
  ['attributes', isAttributes, false],
];
const ASSIGNED: readonly Field[] = [
  ['assigneeId', isText, true],
  ['team', isText, false],
];
const COMMENTED: readonly Field[] = [
  ['author', isAuthor, true],
  ['public', isBoolean, true],
  ['authorId', isText, false],
];
const STATUS_CHANGED: readonly Field[] = [['status', isStatus, true]];
const ESCALATED: readonly Field[] = [
  ['level', isLevel, false],
  ['toTeam', isText, false],
  ['reason', isReason, false],
];

/** Each type's `data`, as the schema's parse makes it, or null. */
const dataChecks: Record<EventType, DataCheck> = {
  'ticket.created': (d) => pick(d, CREATED),
  'ticket.updated': (d) => {
    if (!('changes' in d) || !isPlain(d.changes)) return null;
    const changes = pick(d.changes, CHANGES, true);
    return changes && Object.keys(changes).length > 0 ? { changes } : null;
  },
  'ticket.assigned': (d) => pick(d, ASSIGNED),
  'ticket.commented': (d) => pick(d, COMMENTED),
  'ticket.status_changed': (d) => pick(d, STATUS_CHANGED),
  'ticket.escalated': (d) => pick(d, ESCALATED),
  'ticket.surveyed': ({ kind, score }) => {
    if (!Number.isSafeInteger(score)) return null;
    const s = score as number;
    // The ranges of the schema's check: csat 1 to 5, nps 0 to 10.
    if (kind === 'csat') return s >= 1 && s <= 5 ? { kind, score } : null;
    if (kind === 'nps') return s >= 0 && s <= 10 ? { kind, score } : null;
    return null;
  },
  'ticket.deleted': () => ({}),
};

const ENVELOPE = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'subject',
  'time',
  'datacontenttype',
  'data',
]);

/**
 * The event the schema's parse would make of `raw`, when `raw` certainly passes the
 * contract but for its time (the caller checks `time` as an instant); null otherwise,
 * and then only the schema can say whether it passes and why not.
 */
export function quickAccept(raw: unknown): TicketEvent | null {
  if (!isPlain(raw)) return null;
  const { specversion, id, source, type, subject, time, data } = raw;
  if (specversion !== '1.0' || !isText(id) || !isText(source) || !isText(subject)) return null;
  if (typeof time !== 'string' || !isEventType(type) || !isPlain(data)) return null;
  const hasContentType = 'datacontenttype' in raw;
  if (hasContentType && raw.datacontenttype !== 'application/json') return null;
  const checked = dataChecks[type](data);
  if (checked === null) return null;
  const event: Plain = { specversion, id, source, type, subject, time };
  if (hasContentType) event.datacontenttype = raw.datacontenttype;
  event.data = checked;
  for (const key in raw) if (!ENVELOPE.has(key)) event[key] = raw[key];
  return event as unknown as TicketEvent;
}
