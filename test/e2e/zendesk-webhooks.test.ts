import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '@slawatch/core';
import { HELPDESK_ADAPTERS } from '@slawatch/gateway';
import { readTicketView } from '@slawatch/store';
import { ingestGateway, type IngestGateway } from './support/ingest-gateway.js';
import { startPipeline, type Pipeline } from './support/pipeline.js';
import { waitUntil } from './support/wait-until.js';

const POLICIES = `
policies:
  - id: high
    match: { priority: [urgent, high] }
    targets: { firstResponse: 30m, nextResponse: 1h, resolution: 8h }
    pauseOn: [on_hold]
  - id: rest
    targets: { firstResponse: 4h, resolution: 24h }
`;
const TOKEN = 'zendesk-ingest-secret-0123456789';
const SECRET = 'zendesk-signing-secret-0123456789';
const FIXTURES = new URL('../../services/gateway/test/fixtures/zendesk/', import.meta.url);
const zendesk = HELPDESK_ADAPTERS.find((a) => a.name === 'zendesk')!;

/** One ticket's whole life in Zendesk's webhooks; its deletion is left out, to keep a view. */
const deliveries = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json') && !/deleted|spam/.test(f))
  .sort()
  .map((f) => readFileSync(new URL(f, FIXTURES), 'utf8'));

// The end-to-end promise: a helpdesk's webhooks for a ticket's whole life, posted
// to a running gateway in any order and some twice, give the view simulate gives over the
// events the adapter maps them to.
describe('Zendesk webhooks into the live pipeline', () => {
  let p: Pipeline;
  let gateway: IngestGateway;
  let base = '';

  beforeAll(async () => {
    p = await startPipeline('zendesk-webhooks', POLICIES, { alerter: false });
    gateway = await ingestGateway(p, POLICIES, TOKEN, {
      adapters: [zendesk],
      secrets: { zendesk: SECRET },
    });
    // Listening, as a deployed gateway does: the webhooks arrive over HTTP.
    base = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await p?.stop();
  });

  const deliver = async (body: string) => {
    const at = new Date().toISOString();
    const res = await fetch(`${base}/api/v1/ingest/zendesk`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        'x-zendesk-webhook-signature': createHmac('sha256', SECRET)
          .update(at + body)
          .digest('base64'),
        'x-zendesk-webhook-signature-timestamp': at,
      },
      body,
    });
    return { status: res.status, body: (await res.json()) as { accepted: unknown[] } };
  };

  it("gives the ticket the view simulate gives over the adapter's events, whatever the order and repeats", async () => {
    expect(deliveries.length).toBeGreaterThan(10);
    // Newest first, then every third again: late and redelivered webhooks.
    const sent = [...deliveries].reverse().concat(deliveries.filter((_, i) => i % 3 === 0));
    let accepted = 0;
    for (const body of sent) {
      const res = await deliver(body);
      expect(res.status, body.slice(0, 120)).toBe(200);
      accepted += res.body.accepted.length;
    }
    await waitUntil(() => p.tracker.stats.events >= accepted, 30_000, 'the tracker to fold');
    const events = deliveries.flatMap((body) => {
      const mapped = zendesk.map(JSON.parse(body) as unknown);
      return 'events' in mapped ? mapped.events : [];
    });
    const at = Date.parse('2026-11-23T18:00:00Z');
    const expected = simulate(
      events.map((value) => ({ value })),
      p.policies,
      at,
    );
    expect(expected.rejected).toEqual([]);
    expect(expected.tickets).toHaveLength(1);
    const view = await readTicketView(p.store, '35436', at, p.policies);
    expect(view).toEqual(expected.tickets[0]);
    // The life covered more than a creation: responses, a pause, a solve.
    expect(view!.clocks.map((c) => c.state)).toContain('met');
  });
});
