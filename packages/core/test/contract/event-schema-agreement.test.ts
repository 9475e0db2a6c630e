import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../src/index.js';

// The contract's machine-readable form sits beside this repository (../shared in CI).
const schemaPath = fileURLToPath(
  new URL('../../../../../shared/contract/events.schema.json', import.meta.url),
);
// A plain clone has no ../shared: say so and skip, unless CI asks for it (.ci/run).
const shared = existsSync(schemaPath);
if (!shared && process.env.SLAWATCH_REQUIRE_SHARED === '1')
  throw new Error(`${schemaPath} is missing, and SLAWATCH_REQUIRE_SHARED=1 requires it`);
if (!shared)
  console.warn(`skipping the JSON Schema agreement: ${schemaPath} is not beside this repository`);
const schema = shared ? (JSON.parse(readFileSync(schemaPath, 'utf8')) as object) : {};
const ajv = new Ajv2020.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const ajvValidate = ajv.compile(schema);

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const str = pick(['x', 'emea', '', 'a'.repeat(257), 7 as unknown as string]);

const dataByType: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'ticket.created': fc.record(
    {
      priority: pick(['urgent', 'high', 'normal', 'low', 'p1']),
      channel: pick(['email', 'chat', 'fax']),
      status: pick(['new', 'solved', 'done']),
      team: str,
      tags: pick([['a'], ['a', 'a'], [], [''], 'a']),
      attributes: pick([{ plan: 'gold' }, { n: 1, b: true }, { bad: null }, { deep: { x: 1 } }]),
    },
    { requiredKeys: [] },
  ),
  'ticket.updated': fc.record(
    {
      changes: pick([
        {},
        { priority: 'low' },
        { priority: 'p9' },
        { team: '' },
        { custom: 1 },
        'x',
      ]),
    },
    { requiredKeys: [] },
  ),
  'ticket.assigned': fc.record({ assigneeId: str, team: str }, { requiredKeys: [] }),
  'ticket.commented': fc.record(
    {
      author: pick(['agent', 'customer', 'system', 'bot']),
      public: pick([true, false, 'yes']),
      authorId: str,
    },
    { requiredKeys: [] },
  ),
  'ticket.status_changed': fc.record(
    { status: pick(['open', 'pending', 'closed', 'gone']) },
    { requiredKeys: [] },
  ),
  'ticket.escalated': fc.record(
    { level: pick([1, 3, 0, 1.5]), toTeam: str, reason: pick(['r', 'r'.repeat(2001)]) },
    { requiredKeys: [] },
  ),
  'ticket.surveyed': fc.record(
    { kind: pick(['csat', 'nps', 'ces']), score: pick([0, 1, 5, 6, 10, 11, 4.5, -1]) },
    { requiredKeys: [] },
  ),
  'ticket.deleted': pick([{}]),
};

const eventArb = pick(Object.keys(dataByType)).chain((type) =>
  fc.record({
    specversion: pick(['1.0', '1.0', '0.3']),
    id: pick(['e-1', '', 'x'.repeat(300)]),
    source: pick(['zendesk/acme']),
    type: pick([type, type, type, 'ticket.merged']),
    subject: maybe(pick(['T-1', ''])),
    time: pick([
      '2026-11-23T09:00:00Z',
      '2026-11-23T09:00:00.5+01:00',
      '2026-11-23 09:00',
      '2026-13-01T00:00:00Z',
    ]),
    data: dataByType[type]!,
  }),
);

describe.skipIf(!shared)('the event validator agrees with contract/events.schema.json', () => {
  // The JSON Schema's `date-time` cannot state a range; the validator's event-time range
  // (2000-01-01 up to 2100-01-01, see event-time-range.test.ts) is its one extension, so
  // every time the arbitrary picks lies inside it.
  it('departs from the JSON Schema only by the event-time range', () => {
    const event = {
      specversion: '1.0',
      id: 'e-1',
      source: 'zendesk/acme',
      type: 'ticket.deleted',
      subject: 'T-1',
      data: {},
    };
    for (const time of ['9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z']) {
      expect(ajvValidate({ ...event, time })).toBe(true);
      expect(validateEvent({ ...event, time }).ok).toBe(false);
    }
    expect(validateEvent({ ...event, time: '2026-11-23T09:00:00Z' }).ok).toBe(true);
  });

  it('accepts and rejects exactly what the JSON Schema does', () => {
    fc.assert(
      fc.property(eventArb, (event) => {
        const raw = JSON.parse(JSON.stringify(event)) as object;
        expect(validateEvent(raw).ok).toBe(ajvValidate(raw));
      }),
      { numRuns: 3000 },
    );
  });
});
