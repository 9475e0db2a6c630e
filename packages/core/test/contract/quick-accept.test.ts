import { describe, expect, it } from 'vitest';
import { dataSchemas, envelopeSchema } from '../../src/contract/event-schema.js';
import { quickAccept } from '../../src/contract/quick-accept.js';
import { EVENT_TYPES, type EventType } from '../../src/contract/vocabulary.js';

// quickAccept is the schema written out by hand for the tracker's hot path: it may refuse
// anything (the schema then decides), but what it accepts the schema must accept, and it
// must build the very event the schema's parse builds, key order included.

type Json = Record<string, unknown>;

/** What validateEvent made of an event with the schema alone (before quickAccept). */
function schemaParse(input: Json): unknown {
  const envelope = envelopeSchema.safeParse(input);
  const type = input.type as EventType;
  if (!envelope.success || !EVENT_TYPES.includes(type)) return null;
  const data = dataSchemas[type].safeParse(input.data);
  return data.success ? { ...envelope.data, data: data.data } : null;
}

const envelope = (type: EventType, data: unknown): Json => ({
  specversion: '1.0',
  id: 'e-1',
  source: 'helpdesk',
  type,
  subject: 'T-1',
  time: '2026-11-23T09:00:00Z',
  data,
});

/** Valid events of every type, with and without their optional fields and unknown keys. */
const VALID: Json[] = [
  envelope('ticket.created', { priority: 'urgent', channel: 'email' }),
  envelope('ticket.created', {
    extra: 1,
    attributes: { plan: 'gold', seats: 3, trial: false, '1': 'x' },
    tags: ['a', 'b'],
    category: 'billing',
    customerTier: 'gold',
    customerId: 'c-1',
    requesterId: 'r-1',
    assigneeId: 'a-1',
    queue: 'q',
    team: 't',
    status: 'open',
    channel: 'chat',
    priority: 'low',
  }),
  envelope('ticket.updated', { changes: { priority: 'low' } }),
  envelope('ticket.updated', {
    changes: { custom: { a: [1] }, attributes: {}, tags: [], team: 'x', toString: 1 },
    other: true,
  }),
  envelope('ticket.assigned', { assigneeId: 'a-1', team: 'emea' }),
  envelope('ticket.assigned', { assigneeId: 'a-1' }),
  envelope('ticket.commented', { author: 'agent', public: true, authorId: 'a' }),
  envelope('ticket.commented', { public: false, author: 'customer' }),
  envelope('ticket.status_changed', { status: 'on_hold' }),
  envelope('ticket.escalated', { level: 2, toTeam: 'l2', reason: '' }),
  envelope('ticket.escalated', {}),
  envelope('ticket.surveyed', { kind: 'nps', score: 0 }),
  envelope('ticket.surveyed', { score: 5, kind: 'csat', note: 'x' }),
  envelope('ticket.deleted', { anything: 1 }),
  { ...envelope('ticket.deleted', {}), datacontenttype: 'application/json', ext: { a: 1 } },
  { zfirst: 'x', ...envelope('ticket.assigned', { assigneeId: 'a' }) },
];

/** Values every field is tried with: each type, and each limit and its neighbours. */
const PROBES: unknown[] = [
  undefined,
  null,
  '',
  'x',
  'x'.repeat(256),
  'x'.repeat(257),
  'x'.repeat(1024),
  'x'.repeat(1025),
  'x'.repeat(2001),
  0,
  1,
  -1,
  5,
  6,
  10,
  11,
  1.5,
  2 ** 53,
  true,
  [],
  {},
  ['a'],
  ['a', 'a'],
  ['', 'b'],
  Array.from({ length: 65 }, (_, i) => `t${i}`),
  Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i])),
  { a: 'x'.repeat(1025) },
  { a: null },
  { a: [] },
  JSON.parse('{"__proto__": 1}') as unknown,
  '1.0',
  'application/json',
  'text/plain',
  ...['urgent', 'email', 'open', 'agent', 'csat', 'nps', 'ticket.created', 'ticket.deleted'],
];

/** Every event with one field (at any depth) replaced by each probe or removed. */
function* mutations(value: Json): Generator<Json> {
  for (const key of [...Object.keys(value), 'datacontenttype', 'changes', 'newkey']) {
    for (const probe of PROBES) {
      const copy: Json = { ...value };
      if (probe === undefined) delete copy[key];
      else copy[key] = probe;
      yield copy;
    }
    const inner = value[key];
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner))
      for (const changed of mutations(inner as Json)) yield { ...value, [key]: changed };
  }
}

describe('quickAccept, the schema written out for valid events', () => {
  it('accepts every valid event, as the schema parses it, key order included', () => {
    for (const raw of VALID) {
      const input = JSON.parse(JSON.stringify(raw)) as Json;
      const expected = schemaParse(input);
      expect(expected).not.toBeNull();
      const quick = quickAccept(input);
      expect(quick).toEqual(expected);
      expect(JSON.stringify(quick)).toBe(JSON.stringify(expected));
    }
  });

  it('accepts nothing the schema refuses, and builds what the schema builds', () => {
    let accepted = 0;
    let refused = 0;
    for (const raw of VALID)
      for (const mutated of mutations(raw)) {
        const input = JSON.parse(JSON.stringify(mutated) ?? 'null') as Json;
        const quick = quickAccept(input);
        const expected = schemaParse(input);
        if (quick === null) {
          refused += 1;
          continue;
        }
        accepted += 1;
        expect(expected, JSON.stringify(input)).not.toBeNull();
        expect(JSON.stringify(quick)).toBe(JSON.stringify(expected));
      }
    // Both outcomes are exercised, thousands of times.
    expect(accepted).toBeGreaterThan(1_000);
    expect(refused).toBeGreaterThan(1_000);
  });

  it('leaves an own __proto__ key and objects not from JSON to the schema', () => {
    const proto = JSON.parse(
      '{"specversion":"1.0","id":"e","source":"s","type":"ticket.deleted","subject":"T","time":"2026-11-23T09:00:00Z","data":{},"__proto__":{}}',
    ) as unknown;
    expect(quickAccept(proto)).toBeNull();
    const bare = Object.assign(Object.create(null) as Json, envelope('ticket.deleted', {}));
    expect(quickAccept(bare)).toBeNull();
  });
});
