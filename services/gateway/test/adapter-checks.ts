import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { validateEvent } from '@slawatch/core';
import type {
  HelpdeskAdapter,
  MappedDelivery,
  WebhookRequest,
} from '../src/ingest/helpdesk-adapter.js';

// What every helpdesk adapter test checks the same way: its fixtures map as tabled, to
// events the core validator accepts, the same on a redelivery; bad payloads give problems
// at their paths; and a signed helpdesk's signature is checked. Each `it…` helper is called
// inside the adapter test's own `describe`, which keeps the checks peculiar to the helpdesk.

/** A helpdesk's fixtures (test/fixtures/<helpdesk>/), as raw text and as parsed JSON. */
export interface Fixtures {
  readonly raw: (name: string) => string;
  readonly fixture: (name: string) => unknown;
  /** Every fixture's file name. */
  readonly names: () => string[];
}

export function fixturesOf(helpdesk: string): Fixtures {
  const dir = new URL(`./fixtures/${helpdesk}/`, import.meta.url);
  const raw = (name: string): string => readFileSync(new URL(name, dir), 'utf8');
  return {
    raw,
    fixture: (name) => JSON.parse(raw(name)) as unknown,
    names: () => readdirSync(dir).filter((name) => name.endsWith('.json')),
  };
}

/** `adapter.map`, for payloads that must map: problems fail the test, naming them. */
export const mapperOf =
  (adapter: HelpdeskAdapter) =>
  (payload: unknown): MappedDelivery => {
    const result = adapter.map(payload);
    if ('problems' in result) throw new Error(`problems: ${JSON.stringify(result.problems)}`);
    return result;
  };

/** A fixture and the events it maps to, and the notes it gives (none when left out). */
export type MappedCase = readonly [name: string, events: object[], ignored?: object[]];
/** A fixture that maps to no event, and the path and part of the message of its one note. */
export type IgnoredCase = readonly [name: string, path: string, message: string];
/** A payload that does not map, and the paths of its problems, in order. */
export type ProblemCase = readonly [what: string, payload: unknown, paths: string[]];

/** Each fixture maps to exactly its events and notes. */
function itMapsFixtures(
  adapter: HelpdeskAdapter,
  fixtures: Fixtures,
  cases: readonly MappedCase[],
): void {
  const mapped = mapperOf(adapter);
  const full = cases.map(([name, events, ignored = []]): [string, object[], object[]] => [
    name,
    events,
    ignored,
  ]);
  it.each(full)('%s', (name, events, ignored) => {
    expect(mapped(fixtures.fixture(name))).toEqual({ events, ignored });
  });
}

/** Each fixture maps to nothing, with one note saying why. */
function itIgnoresFixtures(
  adapter: HelpdeskAdapter,
  fixtures: Fixtures,
  cases: readonly IgnoredCase[],
): void {
  const mapped = mapperOf(adapter);
  it.each(cases)('%s maps to nothing, and says why', (name, path, message) => {
    expect(mapped(fixtures.fixture(name))).toEqual({
      events: [],
      ignored: [{ path, message: expect.stringContaining(message) as unknown }],
    });
  });
}

/**
 * Every fixture (there are `fixtureCount`, so that none goes untabled) maps to at least
 * `leastEvents` events in all, each one the core validator accepts; and a redelivery of any
 * fixture maps to exactly what the first delivery did (the ids derive from the delivery).
 */
function itChecksEveryFixture(
  adapter: HelpdeskAdapter,
  fixtures: Fixtures,
  counts: { readonly fixtureCount: number; readonly leastEvents: number },
): void {
  const mapped = mapperOf(adapter);
  it('emits only events the core validator accepts, for every fixture', () => {
    const names = fixtures.names();
    expect(names.length).toBe(counts.fixtureCount);
    const events = names.flatMap((name) => mapped(fixtures.fixture(name)).events);
    expect(events.length).toBeGreaterThanOrEqual(counts.leastEvents);
    for (const event of events) {
      const verdict = validateEvent(event);
      expect(verdict.ok ? null : verdict.reason).toBeNull();
    }
  });

  it('maps a redelivered webhook to exactly the same events', () => {
    for (const name of fixtures.names()) {
      const first = adapter.map(JSON.parse(fixtures.raw(name)) as unknown);
      const again = adapter.map(JSON.parse(fixtures.raw(name)) as unknown);
      expect(again).toEqual(first);
    }
  });
}

/** A helpdesk's fixtures, tabled by what they map to. */
export interface FixtureTables {
  readonly mapped: readonly MappedCase[];
  readonly ignored?: readonly IgnoredCase[];
  /** Fixtures the test checks on its own, outside the tables. */
  readonly untabled?: number;
  /** The fewest events all fixtures give together: by default, one per mapped fixture. */
  readonly leastEvents?: number;
}

/**
 * The checks of a helpdesk's fixtures: each tabled one maps as tabled, none is left out of
 * the tables (but the `untabled`), all of them map to valid events, and the same again.
 */
export function itMapsEveryFixture(
  adapter: HelpdeskAdapter,
  fixtures: Fixtures,
  tables: FixtureTables,
): void {
  const { mapped, ignored = [], untabled = 0, leastEvents = mapped.length } = tables;
  itMapsFixtures(adapter, fixtures, mapped);
  if (ignored.length > 0) itIgnoresFixtures(adapter, fixtures, ignored);
  itChecksEveryFixture(adapter, fixtures, {
    fixtureCount: mapped.length + ignored.length + untabled,
    leastEvents,
  });
}

/**
 * That a delivery creating a ticket whose status, priority or tags do not fit the contract
 * still created it: one `ticket.created` (and what follows it) the validator accepts, its
 * priority the contract's default, none of `leftOut` in its data, and a note at each of
 * `notePaths`, in order.
 */
export function expectCreatedDespite(
  result: MappedDelivery,
  leftOut: readonly string[],
  notePaths: readonly string[],
): void {
  const [event] = result.events as { type: string; data: Record<string, unknown> }[];
  expect(event?.type).toBe('ticket.created');
  expect(event?.data.priority).toBe('normal');
  for (const key of leftOut) expect(Object.keys(event?.data ?? {})).not.toContain(key);
  expect(result.ignored.map((note) => note.path)).toEqual(notePaths);
  for (const e of result.events) expect(validateEvent(e).ok).toBe(true);
}

/** Each payload is refused, with problems at exactly these paths. */
export function itFindsProblems(adapter: HelpdeskAdapter, cases: readonly ProblemCase[]): void {
  it.each(cases)('%s: problems at their paths', (_, payload, paths) => {
    const result = adapter.map(payload);
    expect('problems' in result ? result.problems.map((p) => p.path) : result).toEqual(paths);
  });
}

/** A signed helpdesk's webhooks, for {@link itChecksSignatures}. */
export interface SignatureSpec {
  readonly adapter: HelpdeskAdapter;
  /** The adapter's name and secret variable, as the route and the docs name them. */
  readonly name: string;
  readonly secretVariable: string;
  /** The signature header, written out (not the adapter's constant) so that a rename shows. */
  readonly header: string;
  readonly secret: string;
  readonly now: number;
  readonly body: string;
  /** `body` changed in a way its signature covers. */
  readonly tampered: string;
  /** The headers of `body` signed with `secret` (the spec's own by default), as the helpdesk sends them. */
  readonly signed: (secret?: string) => Record<string, string>;
  /** Where the helpdesk dates its signatures: the timestamp and how far it may be off; null where it does not. */
  readonly replay: {
    /** When `signed()` says it signed. */
    readonly at: number;
    readonly windowMs: number;
    /** What a stale or future timestamp is refused with. */
    readonly stale: RegExp;
  } | null;
}

/** What every signed helpdesk's `verify` does the same way. */
export function itChecksSignatures(spec: SignatureSpec): void {
  const { adapter, header, secret, now, body } = spec;
  const request = (headers: WebhookRequest['headers'], rawBody = body): WebhookRequest => ({
    headers,
    rawBody,
  });
  const doesNotMatch = new RegExp(`^${header}: does not match`);

  it('accepts a delivery signed with the secret', () => {
    expect(adapter.verify(request(spec.signed()), secret, now)).toBeNull();
  });

  it('refuses a signature made with another secret', () => {
    expect(adapter.verify(request(spec.signed('another secret')), secret, now)).toMatch(
      doesNotMatch,
    );
  });

  it('refuses a tampered body', () => {
    expect(spec.tampered).not.toBe(body);
    expect(adapter.verify(request(spec.signed(), spec.tampered), secret, now)).toMatch(
      doesNotMatch,
    );
  });

  it('names the missing or empty signature header, and takes it sent once as a list', () => {
    const { [header]: good, ...others } = spec.signed();
    expect(adapter.verify(request(others), secret, now)).toBe(`${header}: missing`);
    expect(adapter.verify(request({}), secret, now)).toBe(`${header}: missing`);
    expect(adapter.verify(request({ ...others, [header]: ' ' }), secret, now)).toBe(
      `${header}: empty`,
    );
    expect(adapter.verify(request({ ...others, [header]: [good!] }), secret, now)).toBeNull();
  });

  it('refuses a signature header sent twice, even two good copies', () => {
    const good = spec.signed()[header]!;
    for (const twice of [
      [good, 'x'],
      [good, good],
    ])
      expect(adapter.verify(request({ ...spec.signed(), [header]: twice }), secret, now)).toMatch(
        new RegExp(`^${header}: sent 2 times`),
      );
  });

  it('refuses everything when the secret is empty', () => {
    expect(adapter.verify(request(spec.signed('')), '', now)).toMatch(/no signing secret/);
  });

  it('names its secret variable', () => {
    expect(adapter).toMatchObject({ name: spec.name, secretVariable: spec.secretVariable });
  });

  const replay = spec.replay;
  if (replay === null) {
    it('has no replay window: the helpdesk does not date its signatures', () => {
      const yearLater = now + 365 * 86_400_000;
      expect(adapter.verify(request(spec.signed()), secret, yearLater)).toBeNull();
    });
    return;
  }

  it('accepts at either edge of the replay window', () => {
    for (const edge of [replay.at + replay.windowMs, replay.at - replay.windowMs])
      expect(adapter.verify(request(spec.signed()), secret, edge)).toBeNull();
  });

  it('refuses a stale timestamp, and one from the future', () => {
    for (const late of [replay.at + replay.windowMs + 1, replay.at - replay.windowMs - 1])
      expect(adapter.verify(request(spec.signed()), secret, late)).toMatch(replay.stale);
  });
}
