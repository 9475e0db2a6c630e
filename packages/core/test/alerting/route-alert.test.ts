import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALERT_LEVELS,
  deliverableAt,
  parsePolicyDocument,
  routeAlert,
  type AlertLabels,
  type RouteSpec,
} from '../../src/index.js';

const route = (r: Partial<RouteSpec>): RouteSpec => ({
  match: {},
  receivers: [],
  continue: false,
  routes: [],
  ...r,
});
const labels = (l: Partial<AlertLabels> = {}): AlertLabels => ({
  team: 'emea',
  priority: 'urgent',
  policy: 'gold',
  clock: 'firstResponse',
  level: 'breach',
  customerTier: 'enterprise',
  ...l,
});

// Alertmanager's routing, which on-call staff already know (issue 7, "Routing").
const TREE = route({
  receivers: ['default'],
  routes: [
    route({
      match: { level: ['breach'], priority: ['urgent'] },
      receivers: ['pager'],
      continue: true,
    }),
    route({
      match: { team: ['emea'] },
      receivers: ['emea-chat'],
      routes: [
        route({ match: { customerTier: ['enterprise'] }, receivers: ['emea-key-accounts'] }),
      ],
    }),
    route({ match: { team: ['emea', 'us'] }, receivers: ['never-reached-for-emea'] }),
    route({ match: { team: [''] }, receivers: ['unassigned'] }),
  ],
});

describe('routing alerts to receivers', () => {
  it('takes the first matching route, and goes on past those that say continue', () => {
    expect(routeAlert(TREE, labels())).toEqual(['pager', 'emea-key-accounts']);
    expect(routeAlert(TREE, labels({ level: 'at_risk' }))).toEqual(['emea-key-accounts']);
  });

  it('falls back to a route’s own receivers when none of its children matches', () => {
    expect(routeAlert(TREE, labels({ customerTier: 'standard', level: 'reminder' }))).toEqual([
      'emea-chat',
    ]);
    expect(routeAlert(TREE, labels({ team: 'apac', level: 'at_risk' }))).toEqual(['default']);
  });

  it('matches a ticket without a team with ""', () => {
    expect(routeAlert(TREE, labels({ team: null, level: 'at_risk' }))).toEqual(['unassigned']);
  });

  it('sends nowhere when the root does not match, and names each receiver once', () => {
    expect(
      routeAlert(route({ match: { clock: ['resolution'] }, receivers: ['x'] }), labels()),
    ).toEqual([]);
    const twice = route({
      routes: [route({ receivers: ['a', 'b'], continue: true }), route({ receivers: ['b', 'a'] })],
    });
    expect(routeAlert(twice, labels())).toEqual(['a', 'b']);
  });

  it('always names receivers of the tree, and only when the root matches (any labels)', () => {
    const all = new Set([
      'default',
      'pager',
      'emea-chat',
      'emea-key-accounts',
      'never-reached-for-emea',
      'unassigned',
    ]);
    fc.assert(
      fc.property(
        fc.record({
          team: fc.constantFrom('emea', 'us', 'apac', null),
          priority: fc.constantFrom('urgent', 'high', 'normal', 'low' as const),
          policy: fc.constantFrom('gold', null),
          clock: fc.constantFrom('firstResponse', 'nextResponse', 'resolution' as const),
          level: fc.constantFrom(...ALERT_LEVELS),
          customerTier: fc.constantFrom('enterprise', 'standard', null),
        }),
        (l) => {
          const found = routeAlert(TREE, l);
          expect(found.length).toBeGreaterThan(0);
          for (const r of found) expect(all.has(r)).toBe(true);
        },
      ),
    );
  });
});

describe('quiet hours', () => {
  // Open Monday 09:00-17:00 Berlin (08:00-16:00Z in November): quiet outside it.
  const loaded = parsePolicyDocument(`
calendars:
  - { id: office, timezone: Europe/Berlin, weekly: { mon: ["09:00-17:00"] } }
policies: []
`);
  if (!loaded.ok) throw new Error('test calendar');
  const calendar = loaded.policySet.calendar;
  const quiet = { quietHours: { outside: 'office', except: ['breach' as const] } };
  const at = (iso: string) => Date.parse(iso);

  it('holds an alert until the calendar opens, and sends at once inside it', () => {
    expect(deliverableAt(quiet, 'at_risk', at('2026-11-23T07:30:00Z'), calendar)).toBe(
      at('2026-11-23T08:00:00Z'),
    );
    expect(deliverableAt(quiet, 'at_risk', at('2026-11-23T16:30:00Z'), calendar)).toBe(
      at('2026-11-30T08:00:00Z'),
    );
    expect(deliverableAt(quiet, 'reminder', at('2026-11-23T10:00:00Z'), calendar)).toBe(
      at('2026-11-23T10:00:00Z'),
    );
  });

  it('lets the excepted levels through, and a receiver without quiet hours gets everything at once', () => {
    expect(deliverableAt(quiet, 'breach', at('2026-11-23T03:00:00Z'), calendar)).toBe(
      at('2026-11-23T03:00:00Z'),
    );
    expect(deliverableAt({ quietHours: null }, 'at_risk', 5, calendar)).toBe(5);
  });
});
