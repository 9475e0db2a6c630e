/**
 * What `{{triggered_event}}` says: the automation event that fired the rule. Freshdesk
 * renders it from a one-entry hash, `{name => value}` or `{name => {from, to}}`, as JSON
 * (`{"status":{"from":2,"to":3}}`), and older accounts without the quotes
 * (`{status:{from:2,to:3}}`, `{ticket_action:created}`, `{note_type:private}`).
 */
export interface TriggeredEvent {
  /** `ticket_action`, `status`, `priority`, `group_id`, `responder_id`, `reply_sent`, … */
  readonly name: string;
  /** The value of a plain event (`created`, `sent`, `public`); null for a change. */
  readonly value: string | null;
  /** A change's old value, as text; null when none (or a plain event). */
  readonly from: string | null;
  /** A change's new value, as text; null when none (unassigned) or a plain event. */
  readonly to: string | null;
  /** Whether the event is a change (`{from, to}`). */
  readonly isChange: boolean;
  /**
   * False when only the name could be read (a value holding `:` or `,`, such as a date):
   * enough to ignore an event slawatch does not map, not to map one.
   */
  readonly readable: boolean;
}

const NAME = /^[a-z][a-z0-9_]{0,63}$/;
const NONE = new Set(['', 'null', 'nil', 'none']);
const MAX_VALUE_LENGTH = 100;

/** A scalar as text, null for none; undefined when it is not a scalar (an object, an array). */
function scalarText(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.length > MAX_VALUE_LENGTH) return undefined;
  return NONE.has(text.toLowerCase()) ? null : text;
}

const nameOnly = (name: string): TriggeredEvent => ({
  name,
  value: null,
  from: null,
  to: null,
  isChange: false,
  readable: false,
});

function fromObject(body: Record<string, unknown>): TriggeredEvent | null {
  const keys = Object.keys(body);
  if (keys.length !== 1 || !NAME.test(keys[0]!)) return null;
  const name = keys[0]!;
  const inner = body[name];
  if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
    const change = inner as Record<string, unknown>;
    const from = scalarText(change.from);
    const to = scalarText(change.to);
    if (from === undefined || to === undefined) return nameOnly(name);
    return { name, value: null, from, to, isChange: true, readable: true };
  }
  const value = scalarText(inner);
  if (value === undefined) return nameOnly(name);
  return { name, value, from: null, to: null, isChange: false, readable: true };
}

// `{name:value}` or `{name:{from:x,to:y}}` once quotes, escapes and spaces are gone.
const PLAIN = /^\{([a-z][a-z0-9_]*):([^{}:,]*)\}$/;
const CHANGE = /^\{([a-z][a-z0-9_]*):\{from:([^{}:,]*),to:([^{}:,]*)\}\}$/;
const NAMED = /^\{([a-z][a-z0-9_]{0,63}):.*\}$/;

function fromText(text: string): TriggeredEvent | null {
  const compact = text.replace(/[\s"'\\]/g, '');
  const change = CHANGE.exec(compact);
  if (change) return fromObject({ [change[1]!]: { from: change[2], to: change[3] } });
  const plain = PLAIN.exec(compact);
  if (plain) return fromObject({ [plain[1]!]: plain[2] });
  const named = NAMED.exec(compact);
  return named ? nameOnly(named[1]!) : null;
}

/** The event `{{triggered_event}}` rendered to (as text, or as JSON), or null if it is not one. */
export function readTriggeredEvent(value: unknown): TriggeredEvent | null {
  if (typeof value === 'string') return value.length <= 1_000 ? fromText(value) : null;
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return fromObject(value as Record<string, unknown>);
  return null;
}

/** The event as id text: `status:2>3`, `ticket_action:created`, `responder_id:>5`. */
export const triggeredEventKey = (event: TriggeredEvent): string =>
  event.isChange
    ? `${event.name}:${event.from ?? ''}>${event.to ?? ''}`
    : event.readable
      ? `${event.name}:${event.value ?? ''}`
      : event.name;
