import fc from 'fast-check';

/** One Kafka message as a hostile or careless producer might send it. */
export interface HostileMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Which family of the generator made it: for the test's report, never for the verdict. */
  readonly family: string;
}

const TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.assigned',
  'ticket.commented',
  'ticket.status_changed',
  'ticket.escalated',
  'ticket.surveyed',
  'ticket.deleted',
] as const;

/** Ids a careless or hostile producer may send: each one a separate way to break things. */
const HOSTILE_TEXT = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  '\u0000',
  'A\u0000B',
  '\r\nSet-Cookie: x=1',
  '\u202Eevil\u202C',
  '\u200F\u05D0\u05D1\u200E',
  '👩‍👩‍👧‍👦🔥',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '<!channel>',
  '*:*',
  '{slw}:x',
  '%00%ff',
  ' ',
  '',
] as const;

/** Times the contract and the calendar arithmetic must survive, valid or not. */
const EXTREME_TIMES = [
  '0001-01-01T00:00:00Z',
  '1626-05-24T12:00:00Z',
  '1969-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00Z',
  '1999-12-31T23:59:59Z',
  '2000-01-01T00:00:00Z',
  '2026-02-29T10:00:00Z',
  '2024-02-29T10:00:00Z',
  '2026-11-23T24:00:00Z',
  '2016-12-31T23:59:60Z',
  '2026-11-23T09:00:00.123456789012345678901234567890Z',
  '2026-11-23T09:00:00+23:59',
  '2026-11-23T09:00:00-23:59',
  '2026-11-23T09:00:00+24:00',
  '2026-11-23T09:00:00',
  '2026-11-23 09:00:00Z',
  '2099-12-31T23:59:59Z',
  '2100-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  'NaN',
  '',
] as const;

/** A JSON value nested `depth` levels deep, as text (never built as an object: no recursion). */
const nestedText = (depth: number, open: string, close: string, leaf = '1') =>
  `${open.repeat(depth)}${leaf}${close.repeat(depth)}`;

const text = fc.string({ minLength: 1, maxLength: 20 });
const id = fc.oneof(
  { weight: 14, arbitrary: text },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
  // Rare: three ids per event, and the broker keeps only ~5 MB per partition.
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(10_240), '🔥'.repeat(2_560), 'x') },
);
const time = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EXTREME_TIMES) },
  {
    weight: 4,
    arbitrary: fc
      .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  {
    weight: 2,
    arbitrary: fc
      .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') })
      .map((ms) => new Date(ms).toISOString()),
  },
);

/** `data` of each type that passes the contract, so a mutation tests one thing at a time. */
const validData = fc.constantFrom<[string, object]>(
  ['ticket.created', { priority: 'high', channel: 'email', team: 'emea' }],
  ['ticket.updated', { changes: { priority: 'low' } }],
  ['ticket.assigned', { assigneeId: 'a-1' }],
  ['ticket.commented', { author: 'agent', public: true }],
  ['ticket.status_changed', { status: 'solved' }],
  ['ticket.escalated', { level: 2 }],
  ['ticket.surveyed', { kind: 'csat', score: 4 }],
  ['ticket.deleted', {}],
);

const envelope = fc.record({
  specversion: fc.constant('1.0'),
  id,
  source: fc.oneof(fc.constant('fuzz'), id),
  subject: id,
  time,
});

/** An envelope the contract accepts, so that what follows it is what is tested. */
const cleanEnvelope = fc.record({
  specversion: fc.constant('1.0'),
  id: fc.uuid(),
  source: fc.constant('fuzz'),
  subject: fc.integer({ min: 1, max: 1_000_000 }).map((n) => `DEEP-${n}`),
  time: fc
    .integer({ min: Date.parse('2026-11-01T00:00:00Z'), max: Date.parse('2026-11-30T00:00:00Z') })
    .map((ms) => new Date(ms).toISOString()),
});

/** Hostile keys inside `data`, `attributes` and `changes`: prototype names and odd text. */
const hostileRecord = fc.dictionary(
  fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'), text),
  fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.boolean(), fc.jsonValue({ maxDepth: 3 })),
  { maxKeys: 6 },
);

const json = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');
const key = fc.oneof(
  { weight: 4, arbitrary: id.map((s) => Buffer.from(s, 'utf8')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** Families of hostile values, each named so a failure says which kind broke. */
const families: Record<string, fc.Arbitrary<Buffer | null>> = {
  // An event whose one field holds anything at all (wrong types, nulls, arrays, objects).
  wrongType: fc
    .tuple(
      envelope,
      validData,
      fc.constantFrom('specversion', 'id', 'source', 'type', 'subject', 'time', 'data'),
      fc.anything({ maxDepth: 3, withNullPrototype: false, withBigInt: false }),
    )
    .map(([env, [type, data], field, value]) =>
      json({ ...env, type, data, [field]: value === undefined ? null : value }),
    ),
  // A field of `data` of the wrong type or out of range.
  wrongData: fc
    .tuple(envelope, validData, fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }))
    .map(([env, [type, data], field, value]) => {
      const fields = Object.keys(data);
      const name = fields.length > 0 ? fields[field.length % fields.length]! : field;
      return json({ ...env, type, data: { ...data, [name]: value } });
    }),
  // Any JSON at all, and text that is not JSON.
  randomJson: fc.jsonValue({ maxDepth: 6 }).map(json),
  notJson: fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s, 'utf8')),
  // Bytes that are not UTF-8, alone and inside an otherwise valid event.
  randomBytes: fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)),
  invalidUtf8InEvent: fc
    .tuple(
      envelope,
      validData,
      fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80]),
    )
    .map(([env, [type, data], bad]) => {
      const marker = 'INVALID-UTF8-HERE';
      const [before, after] = JSON.stringify({ ...env, type, data, subject: marker }).split(marker);
      return Buffer.concat([
        Buffer.from(`${before}T-`, 'utf8'),
        Buffer.from(bad),
        Buffer.from(`-1${after}`, 'utf8'),
      ]);
    }),
  // Otherwise valid events with extreme or malformed times and hostile ids.
  hostileEnvelope: fc
    .tuple(envelope, validData, fc.constantFrom(...TYPES), fc.integer({ min: 0, max: 9 }))
    .map(([env, [type, data], otherType, dice]) =>
      // One in ten with another type's data: a mismatch of type and data.
      json({ ...env, type: dice === 0 ? otherType : type, data }),
    ),
  // Prototype keys and odd names in the places the contract leaves open.
  hostileKeys: fc.tuple(envelope, hostileRecord, hostileRecord).chain(([env, a, b]) =>
    fc.constantFrom(
      json({ ...env, type: 'ticket.updated', data: { changes: { ...a, team: 'x' } } }),
      json({
        ...env,
        type: 'ticket.created',
        data: { priority: 'low', channel: 'web', attributes: a },
      }),
      json({ ...env, ...b, type: 'ticket.deleted', data: {} }),
      Buffer.from(
        `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},${JSON.stringify({
          ...env,
          type: 'ticket.deleted',
        }).slice(1, -1)},"data":{"__proto__":{"polluted":1}}}`,
        'utf8',
      ),
    ),
  ),
  // Deep values: where the contract leaves room (extensions, changes) and where it does not.
  deep: fc
    .tuple(
      fc.oneof(envelope, cleanEnvelope),
      fc.integer({ min: 33, max: 3_000 }),
      fc.constantFrom('extension', 'changes', 'attributes', 'data'),
    )
    .map(([env, depth, where]) => {
      const deep = nestedText(depth, '[', ']');
      const head = JSON.stringify({ ...env, type: 'ticket.updated' }).slice(0, -1);
      if (where === 'extension')
        return Buffer.from(`${head},"data":{"changes":{"team":"t"}},"ext":${deep}}`, 'utf8');
      if (where === 'changes')
        return Buffer.from(`${head},"data":{"changes":{"team":"t","more":${deep}}}}`, 'utf8');
      if (where === 'attributes')
        return Buffer.from(`${head},"data":{"changes":{"attributes":{"a":${deep}}}}}`, 'utf8');
      return Buffer.from(`${head},"data":${nestedText(depth, '{"d":', '}')}}`, 'utf8');
    }),
  // Nothing at all.
  empty: fc.constantFrom<Buffer | null>(null, Buffer.alloc(0)),
};

/** Rare, large values: a few are enough (the tracker refuses them by size, unread). */
const largeFamilies: Record<string, fc.Arbitrary<Buffer | null>> = {
  // Just under the default 64 KiB limit, nested as deep as that allows.
  deepest: cleanEnvelope.map((env) => {
    const head = JSON.stringify({ ...env, type: 'ticket.updated' }).slice(0, -1);
    const depth = 30_000;
    return Buffer.from(
      `${head},"data":{"changes":{"team":"t"}},"ext":${nestedText(depth, '[', ']')}}`,
      'utf8',
    );
  }),
  // Over any sane limit: 100 KB of one string, and 200 KB of whitespace around an event.
  huge: fc
    .tuple(envelope, fc.boolean())
    .map(([env, padded]) =>
      padded
        ? Buffer.from(
            `${' '.repeat(200_000)}${JSON.stringify({ ...env, type: 'ticket.deleted', data: {} })}`,
          )
        : json({ ...env, type: 'ticket.deleted', data: {}, big: 'x'.repeat(100_000) }),
    ),
};

/** Large keys: the tracker re-keys each dead letter with its key, so it hashes them. */
const largeKeys: fc.Arbitrary<HostileMessage> = fc
  .tuple(fc.constantFrom(65_536, 200_000), fc.boolean())
  .map(([size, empty]) => ({
    key: Buffer.alloc(size, 'k'),
    value: empty ? Buffer.alloc(0) : Buffer.from('{"not":"an event"}'),
    family: 'hugeKey',
  }));

const pickFamily = (table: Record<string, fc.Arbitrary<Buffer | null>>) =>
  fc.oneof(
    ...Object.entries(table).map(([family, arbitrary]) =>
      fc.record({ key, value: arbitrary, family: fc.constant(family) }),
    ),
  );

/** Hostile messages of every family (no large ones). */
export const hostileMessage: fc.Arbitrary<HostileMessage> = pickFamily(families);

/** The rare large hostile messages. */
export const largeHostileMessage: fc.Arbitrary<HostileMessage> = pickFamily(largeFamilies);

/** Messages with a huge key, rarer still. */
export const hugeKeyMessage: fc.Arbitrary<HostileMessage> = largeKeys;
