import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '@slawatch/core';
import { readTicketView } from '@slawatch/store';
import { ingestGateway, type IngestGateway } from './support/ingest-gateway.js';
import { startPipeline, type Pipeline } from './support/pipeline.js';
import { randomLifecycles } from './support/random-lifecycles.js';
import { waitUntil } from './support/wait-until.js';

const POLICIES = `
policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { firstResponse: 15m, nextResponse: 30m, resolution: 4h }
    warnAt: [0.5]
  - id: rest
    targets: { firstResponse: 2h, resolution: 24h }
    pauseOn: [on_hold]
`;
const PRODUCER = 'producer-secret-0123456789';

// Events sent over HTTP reach the tracker as a Kafka producer's would: the tickets' views
// equal simulate's over the same events, and a request sent twice changes nothing.
describe('POST /api/v1/events into the live pipeline', () => {
  let p: Pipeline;
  let gateway: IngestGateway;

  beforeAll(async () => {
    p = await startPipeline('http-ingest', POLICIES, { alerter: false });
    gateway = await ingestGateway(p, POLICIES, PRODUCER);
  });
  afterAll(async () => {
    await gateway?.close();
    await p?.stop();
  });

  const post = (events: readonly object[]) =>
    gateway.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: {
        authorization: `Bearer ${PRODUCER}`,
        'content-type': 'application/cloudevents-batch+json',
      },
      payload: JSON.stringify(events),
    });

  it('gives 200 tickets posted in batches the views simulate gives, a repeated request changing nothing', async () => {
    const events = randomLifecycles(200, 11);
    for (let i = 0; i < events.length; i += 400) {
      const res = await post(events.slice(i, i + 400));
      expect(res.statusCode).toBe(200);
    }
    await waitUntil(() => p.tracker.stats.events >= events.length, 60_000, 'the tracker to fold');
    // A producer retrying after a lost answer sends the same request again.
    const again = events.slice(0, 400);
    expect((await post(again)).statusCode).toBe(200);
    await waitUntil(
      () => p.tracker.stats.events >= events.length + again.length,
      60_000,
      'the tracker to fold the repeat',
    );
    const at = Date.parse('2026-11-26T12:00:00Z');
    const expected = simulate(
      events.map((value) => ({ value })),
      p.policies,
      at,
    );
    expect(expected.rejected).toEqual([]);
    const ids = [...new Set(events.map((e) => (e as { subject: string }).subject))];
    const byId = new Map(expected.tickets.map((t) => [t.ticketId, t]));
    const records = await p.store.load(ids);
    for (const id of ids) {
      expect(await readTicketView(p.store, id, at, p.policies), id).toEqual(byId.get(id) ?? null);
      const distinct = new Set(
        (events as { subject: string; id: string }[])
          .filter((e) => e.subject === id)
          .map((e) => e.id),
      );
      expect(records.get(id)!.history, id).toHaveLength(distinct.size);
    }
    expect(ids).toHaveLength(200);
  });
});
