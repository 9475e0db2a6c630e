import { describe, expect, it } from 'vitest';
import { as, TOKENS, useGateway } from './gateway-fixture.js';

const BUSINESS_POLICIES = {
  calendars: [
    {
      id: 'emea-business',
      timezone: 'Europe/Berlin',
      weekly: {
        mon: ['08:00-12:00', '13:00-18:00'],
        tue: ['08:00-18:00'],
        wed: ['08:00-18:00'],
        thu: ['08:00-18:00'],
        fri: ['08:00-16:00'],
      },
      holidays: ['2026-12-26', '--12-25', { date: '2026-12-24', hours: ['09:00-13:00'] }],
    },
  ],
  policies: [
    {
      id: 'default',
      match: {},
      calendar: 'emea-business',
      targets: { firstResponse: '4h', nextResponse: '8h', resolution: '24h' },
      warnAt: [0.5, 0.75],
    },
  ],
};

let n = 0;
const event = (subject: string, time: string, type: string, data: object) => ({
  specversion: '1.0',
  id: `sim-${++n}`,
  source: 'zendesk/acme',
  type,
  subject,
  time,
  data,
});

/** The report's request: a business calendar, a ticket opened in 0001 and touched in 9999. */
const HOSTILE = {
  policies: BUSINESS_POLICIES,
  events: [
    event('T-1', '0001-01-01T00:00:00Z', 'ticket.created', { priority: 'high', channel: 'email' }),
    event('T-1', '9999-12-31T23:59:59Z', 'ticket.commented', { author: 'agent', public: true }),
    event('T-1', '9999-12-31T23:59:59Z', 'ticket.status_changed', { status: 'solved' }),
    event('T-2', '2026-11-23T09:00:00Z', 'ticket.created', { priority: 'high', channel: 'email' }),
  ],
};

/** `tickets` tickets created an hour apart in 2026 and commented on in 2099. */
function manyTickets(tickets: number) {
  const events = [];
  for (let i = 0; i < tickets; i++) {
    const created = new Date(Date.UTC(2026, 0, 5, 8) + i * 3_600_000).toISOString();
    events.push(event(`M-${i}`, created, 'ticket.created', { priority: 'high', channel: 'chat' }));
    events.push(
      event(`M-${i}`, '2099-06-01T10:00:00Z', 'ticket.commented', {
        author: 'customer',
        public: true,
      }),
    );
  }
  return { policies: BUSINESS_POLICIES, events };
}

const post = (gw: ReturnType<typeof useGateway>, payload: object | string) =>
  gw.app.inject({
    method: 'POST',
    url: '/api/v1/simulate',
    headers: { ...as(TOKENS.read), 'content-type': 'application/json' },
    payload,
  });

describe('simulate with the default limits', () => {
  const gw = useGateway();

  it('answers the reported request at once, listing the events dated 0001 and 9999 as rejected', async () => {
    expect(JSON.stringify(HOSTILE).length).toBeLessThan(2_900);
    const began = performance.now();
    const res = await post(gw, HOSTILE);
    // It blocked the event loop for 45 s before the event-time range and week skipping.
    expect(performance.now() - began).toBeLessThan(1_000);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ tickets: { ticketId: string }[]; rejected: object[] }>();
    const range =
      'time: must be from 2000-01-01T00:00:00Z up to (not including) 2100-01-01T00:00:00Z';
    expect(body.rejected).toEqual([
      { index: 0, reason: `${range}, got "0001-01-01T00:00:00Z"` },
      { index: 1, reason: `${range}, got "9999-12-31T23:59:59Z"` },
      { index: 2, reason: `${range}, got "9999-12-31T23:59:59Z"` },
    ]);
    expect(body.tickets.map((t) => t.ticketId)).toEqual(['T-2']);
  });

  it('refuses an `at` outside the event-time range with 400 naming body.at', async () => {
    const res = await post(gw, { ...HOSTILE, at: '9999-12-31T23:59:59Z' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'invalid request',
      code: 'SLW_REQUEST_INVALID',
      problems: [
        {
          path: 'body.at',
          message:
            'must be from 2000-01-01T00:00:00Z up to (not including) 2100-01-01T00:00:00Z, got "9999-12-31T23:59:59Z"',
        },
      ],
    });
  });
});

describe('simulate with tight limits', () => {
  const gw = useGateway({
    simulate: { maxBytes: 64 * 1024, maxEvents: 200, maxTickets: 50, timeoutMs: 10_000 },
  });

  it('refuses a body over the byte limit with 413 naming the limit', async () => {
    const res = await post(gw, { ...HOSTILE, padding: 'x'.repeat(70 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({
      error: 'the request body is larger than the limit of 65536 bytes for POST /api/v1/simulate',
      code: 'SLW_REQUEST_TOO_LARGE',
    });
  });

  it('refuses more events than the limit with 400 naming it', async () => {
    const res = await post(gw, { ...HOSTILE, events: Array.from({ length: 201 }, () => ({})) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      problems: [
        {
          path: 'body.events',
          message: 'must hold at most 200 events (SLAWATCH_SIMULATE_MAX_EVENTS)',
        },
      ],
    });
  });

  it('refuses more tickets than the limit with 422 naming it', async () => {
    const res = await post(gw, manyTickets(51));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      error:
        'simulate: the events name 51 tickets, more than the limit of 50 (SLAWATCH_SIMULATE_MAX_TICKETS)',
      code: 'SLW_SIMULATE_TOO_MANY_TICKETS',
    });
    expect((await post(gw, manyTickets(50))).statusCode).toBe(200);
  });
});

describe('simulate work that takes long', () => {
  const gw = useGateway({
    simulate: { maxBytes: 32 * 1024 * 1024, maxTickets: 1_000_000, timeoutMs: 1_500 },
  });

  it('stops at its time limit with 422, and /healthz answers promptly meanwhile', async () => {
    const big = JSON.stringify(manyTickets(25_000));
    const simulation = post(gw, big);
    const latencies: number[] = [];
    let finished = false;
    void simulation.finally(() => (finished = true));
    while (!finished) {
      const began = performance.now();
      const health = await gw.app.inject({ url: '/healthz' });
      latencies.push(performance.now() - began);
      expect(health.statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const res = await simulation;
    expect(res.statusCode).toBe(422);
    expect(res.json<{ error: string }>().error).toMatch(
      /^simulate: not finished within the limit of 1500 ms \(SLAWATCH_SIMULATE_TIMEOUT\); (validating|folding) \d+ of \d+ (events|tickets) done, send fewer$/,
    );
    // Parsing the 9 MB body is one block; after it the work yields every 20 ms.
    expect(latencies.length).toBeGreaterThan(10);
    const sorted = [...latencies].sort((a, b) => a - b);
    expect(sorted[sorted.length - 2]).toBeLessThan(500);
  }, 30_000);
});

describe('simulations at once', () => {
  const gw = useGateway({
    simulate: {
      maxBytes: 32 * 1024 * 1024,
      maxTickets: 1_000_000,
      timeoutMs: 1_000,
      maxConcurrent: 1,
    },
  });

  it('refuses one more than the limit with 429 naming it, and takes one again after', async () => {
    // A small body (~400 KB) with seconds of work: every ticket is measured up to 2099.
    const long = post(gw, manyTickets(1_000));
    // Give the first request time to be parsed and to start its slices.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await post(gw, HOSTILE);
    expect(second.statusCode).toBe(429);
    expect(second.json()).toEqual({
      error:
        'simulate: 1 simulations are running, the limit (SLAWATCH_SIMULATE_CONCURRENCY); try again when one has finished',
      code: 'SLW_SIMULATE_BUSY',
    });
    expect((await long).statusCode).toBe(422);
    expect((await post(gw, HOSTILE)).statusCode).toBe(200);
  }, 30_000);
});
