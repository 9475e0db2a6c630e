import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FUZZ_TOKENS, startFuzzGateway, type FuzzGateway } from './support/fuzz-gateway.js';
import { hostileMessage } from './support/hostile-messages.js';
import {
  hostileString,
  requestsFor,
  routesOf,
  type FuzzRequest,
  type OpenApiDocument,
  type Route,
} from './support/openapi-requests.js';

/** Requests per route and token: SLAWATCH_FUZZ_REQUESTS sets more for a longer hunt. */
const PER_ROUTE = Number(process.env.SLAWATCH_FUZZ_REQUESTS ?? 25);
/** The longest a response may take: past it, a request counts as a hang. */
const HANG_MS = 5_000;
const SEED = 15;

/** Routes outside the document (hidden from it on purpose), fuzzed all the same. */
const UNDOCUMENTED: Route[] = ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs'].map(
  (path) => ({ method: 'GET', path, pathParams: [], query: [], body: null }),
);

const POLICY_YAML = `
calendars:
  - id: office
    timezone: Europe/Berlin
    weekly: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
policies:
  - id: office
    calendar: office
    targets: { firstResponse: 1h, resolution: 8h }
`;

/** Events as a hostile producer writes them (the event fuzzer's), parsed where they parse. */
const hostileEvents = fc.array(
  hostileMessage.map((m) => {
    try {
      return JSON.parse(m.value?.toString('utf8') ?? 'null') as unknown;
    } catch {
      return m.value?.toString('utf8') ?? null;
    }
  }),
  { maxLength: 40 },
);

/** Bodies that get past the first checks of the routes that take one. */
const ROUTE_BODIES: Record<string, fc.Arbitrary<unknown>[]> = {
  '/api/v1/simulate': [
    fc.record({
      policies: fc.oneof(fc.constant(POLICY_YAML), hostileString),
      events: hostileEvents,
      at: fc.oneof(fc.constant('2026-11-23T09:30:00Z'), hostileString),
    }),
  ],
  '/api/v1/policies/validate': [
    fc.oneof(
      fc.constant(POLICY_YAML),
      fc.constant({ policies: [{ id: 'p', targets: { firstResponse: '1h' } }] }),
      fc.record({
        policies: fc.array(
          fc.record({
            id: hostileString,
            match: fc.dictionary(hostileString, fc.array(hostileString, { maxLength: 3 })),
            targets: fc.dictionary(
              fc.constantFrom('firstResponse', 'nextResponse', 'resolution', '__proto__'),
              hostileString,
            ),
            calendar: hostileString,
          }),
          { maxLength: 3 },
        ),
      }),
    ),
  ],
  '/api/v1/tokens': [
    fc.record({
      name: hostileString,
      scopes: fc.array(fc.constantFrom('read', 'admin', 'root', '__proto__'), { maxLength: 3 }),
      teams: fc.array(hostileString, { maxLength: 3 }),
    }),
  ],
};

interface Finding {
  readonly token: string;
  readonly request: string;
  readonly status: number | 'hang' | 'threw';
  readonly body: string;
}

describe('the HTTP API under fuzzed requests', () => {
  let gateway: FuzzGateway;
  let routes: Route[];

  beforeAll(async () => {
    gateway = await startFuzzGateway(inject('redisUrl'));
    const doc = await gateway.app.inject({ url: '/openapi.json' });
    routes = [...routesOf(doc.json<OpenApiDocument>()), ...UNDOCUMENTED];
  });

  afterAll(async () => gateway?.close());

  const send = async (request: FuzzRequest, token: string | null) => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<'hang'>((resolve) => {
      timer = setTimeout(() => resolve('hang'), HANG_MS);
    });
    try {
      const response = await Promise.race([
        gateway.app.inject({
          method: request.method as 'GET',
          url: request.url,
          headers: {
            ...request.headers,
            ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          },
          ...(request.payload !== undefined ? { payload: request.payload } : {}),
        }),
        hang,
      ]);
      return { response, ms: performance.now() - started };
    } finally {
      clearTimeout(timer);
    }
  };

  it('answers every documented route, with and without tokens, without a 5xx or a hang', async () => {
    const findings: Finding[] = [];
    const counts = new Map<string, number>();
    let sent = 0;
    let slowest = { ms: 0, what: '' };
    for (const [r, route] of routes.entries()) {
      expect(route.method).toMatch(/^(GET|POST|PUT|PATCH|DELETE)$/);
      const requests = fc.sample(requestsFor(route, ROUTE_BODIES[route.path] ?? []), {
        seed: SEED + r,
        numRuns: PER_ROUTE,
      });
      for (const request of requests)
        for (const [name, token] of Object.entries(FUZZ_TOKENS)) {
          const label = `${request.method} ${request.url.slice(0, 200)} ${request.what}`;
          let status: Finding['status'];
          let body = '';
          try {
            const result = await send(request, token);
            sent++;
            if (result.response === 'hang') status = 'hang';
            else {
              status = result.response.statusCode;
              body = result.response.body.slice(0, 300);
              if (result.ms > slowest.ms) slowest = { ms: result.ms, what: `${name} ${label}` };
            }
          } catch (error) {
            status = 'threw';
            body = String(error);
          }
          const bucket = typeof status === 'number' ? `${Math.floor(status / 100)}xx` : status;
          counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
          if (status === 'hang' || status === 'threw' || status >= 500)
            findings.push({ token: name, request: label, status, body });
        }
    }
    console.info(
      `http fuzz: ${sent} requests over ${routes.length} routes x ${Object.keys(FUZZ_TOKENS).length} tokens; ` +
        `${[...counts].map(([k, v]) => `${k}: ${v}`).join(', ')}; slowest ${slowest.ms.toFixed(0)} ms (${slowest.what.slice(0, 160)})`,
    );
    expect(findings).toEqual([]);
    // The fuzz reached past authentication and validation, not just the front door.
    expect(counts.get('2xx')).toBeGreaterThan(routes.length);
  }, 600_000);
});
