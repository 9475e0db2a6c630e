import { describe, expect, it } from 'vitest';
import { buildGateway } from '../src/index.js';
import { ExporterLease, updateTickets } from '@slawatch/store';
import { promtoolCheck } from '@slawatch/test';
import { as, MINUTE, NOW, TOKENS, useGateway } from './gateway-fixture.js';
import { LiveTestClient, liveUrl } from './live-test-client.js';

const gw = useGateway();

/** The exposition's samples: `name{labels}` → value. */
async function scrape(app = gw.app): Promise<Map<string, number>> {
  const res = await app.inject({ url: '/metrics' });
  expect(res.statusCode).toBe(200);
  const samples = new Map<string, number>();
  for (const line of res.body.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

const labels = (team: string) => `team="${team}",priority="urgent",channel="chat",policy="urgent"`;

describe('GET /metrics (Prometheus)', () => {
  it('needs no token and is clean under promtool check metrics', async () => {
    await gw.app.inject({ url: '/api/v1/tickets/EMEA-1', headers: as(TOKENS.read) });
    const res = await gw.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(await promtoolCheck(res.body)).toBe('');
  });

  it('exports the SLA series of the shared state, labelled by team, priority, channel and policy', async () => {
    const s = await scrape();
    // EMEA-1: created 20 minutes ago, 15-minute first response breached; US-1: at risk.
    expect(s.get(`slawatch_events_total{type="ticket.created",${labels('emea')}}`)).toBe(1);
    expect(s.get(`slawatch_open_tickets{status="new",${labels('emea')}}`)).toBe(1);
    expect(s.get(`slawatch_open_tickets{status="new",${labels('us')}}`)).toBe(1);
    expect(s.get(`slawatch_sla_breaches_total{clock="firstResponse",${labels('emea')}}`)).toBe(1);
    expect(s.get(`slawatch_open_breached_tickets{${labels('emea')}}`)).toBe(1);
    expect(s.get(`slawatch_sla_at_risk_total{clock="firstResponse",${labels('us')}}`)).toBe(1);
    expect(s.get(`slawatch_sla_clocks_at_risk{${labels('us')}}`)).toBe(1);
    expect(s.get('slawatch_sla_exporter')).toBe(1);
    expect(s.get('slawatch_events_dead_lettered_total')).toBe(0);
  });

  it('counts notification deliveries by receiver and outcome, cleanly', async () => {
    const record = {
      id: 'EMEA-1/firstResponse:1:breached/on-call',
      receiver: 'on-call',
      action: 'trigger' as const,
      alertKey: 'EMEA-1/firstResponse/1/breach',
      ticketId: 'EMEA-1',
      clock: 'firstResponse',
      level: 'breach',
      team: 'emea',
      priority: 'urgent',
      at: new Date(NOW).toISOString(),
      attempts: 1,
    };
    await gw.deps.deliveries.record({ ...record, outcome: 'retried' }, NOW);
    await gw.deps.deliveries.record({ ...record, outcome: 'delivered' }, NOW);
    const s = await scrape();
    expect(s.get('slawatch_notifications_total{receiver="on-call",outcome="retried"}')).toBe(1);
    expect(s.get('slawatch_notifications_total{receiver="on-call",outcome="delivered"}')).toBe(1);
    expect(await promtoolCheck((await gw.app.inject({ url: '/metrics' })).body)).toBe('');
  });

  it('never labels a series with a ticket id: HTTP requests are counted by route template', async () => {
    await gw.app.inject({ url: '/api/v1/tickets/US-1', headers: as(TOKENS.read) });
    const res = await gw.app.inject({ url: '/metrics' });
    expect(res.body).not.toContain('US-1');
    expect(res.body).not.toContain('EMEA-1');
    expect(
      (await scrape()).get(
        'slawatch_http_requests_total{method="GET",route="/api/v1/tickets/:ticketId",status_code="200"}',
      ),
    ).toBeGreaterThanOrEqual(1);
  });

  it('reports the websocket clients and the updates sent to them', async () => {
    const client = await LiveTestClient.connect(await liveUrl(gw.app), TOKENS.read);
    try {
      client.subscribe('w', { kind: 'atRisk' });
      await client.next((m) => m.type === 'snapshot', 'the snapshot');
      const s = await scrape();
      expect(s.get('slawatch_websocket_clients')).toBe(1);
      expect(s.get('slawatch_websocket_views')).toBe(1);
      expect(s.get('slawatch_websocket_updates_sent_total')).toBeGreaterThanOrEqual(1);
    } finally {
      client.close();
    }
  });

  it('counts each event once however often it is delivered, and observes the first response time', async () => {
    // The fixture's own adapters: the reply folds like any other event.
    const deps = gw.update;
    const reply = {
      event: {
        specversion: '1.0' as const,
        id: 'prom-reply-1',
        source: 'test',
        type: 'ticket.commented' as const,
        subject: 'US-1',
        time: new Date(NOW - 4 * MINUTE).toISOString(),
        data: { author: 'agent' as const, public: true },
      },
      time: NOW - 4 * MINUTE,
      seq: 1000,
    };
    for (let delivery = 0; delivery < 3; delivery++)
      await updateTickets(deps, new Map([['US-1', [reply]]]), NOW);
    const s = await scrape();
    expect(s.get(`slawatch_events_total{type="ticket.commented",${labels('us')}}`)).toBe(1);
    expect(
      s.get(
        `slawatch_sla_clocks_finished_total{clock="firstResponse",outcome="met",${labels('us')}}`,
      ),
    ).toBe(1);
    // Replied 6 minutes after creation: in the (300, 900] bucket, not the 300 s one.
    expect(s.get(`slawatch_first_response_seconds_bucket{${labels('us')},le="300"}`)).toBe(0);
    expect(s.get(`slawatch_first_response_seconds_bucket{${labels('us')},le="900"}`)).toBe(1);
    expect(s.get(`slawatch_first_response_seconds_sum{${labels('us')}}`)).toBe(360);
    expect(s.get(`slawatch_first_response_seconds_count{${labels('us')}}`)).toBe(1);
    // No longer at risk: the gauge reads 0 rather than vanishing.
    expect(s.get(`slawatch_sla_clocks_at_risk{${labels('us')}}`)).toBe(0);
  });

  it('exports the shared series from one gateway at a time, and another takes over when it stops', async () => {
    const second = await buildGateway({
      deps: { ...gw.deps, exporterLease: new ExporterLease(gw.redis, gw.keys.exporterLease) },
    });
    try {
      // The fixture's gateway started first, so it holds the lease.
      const [a, b] = [await scrape(), await scrape(second)];
      expect([a.get('slawatch_sla_exporter'), b.get('slawatch_sla_exporter')]).toEqual([1, 0]);
      expect([...a.keys()].some((k) => k.startsWith('slawatch_open_tickets{'))).toBe(true);
      expect([...b.keys()].some((k) => k.startsWith('slawatch_open_tickets{'))).toBe(false);
      // Process health is every instance's own.
      expect(b.has('process_cpu_user_seconds_total')).toBe(true);
      // The exporter gives the lease up on close; the other's next scrape takes it.
      const lease = gw.deps.exporterLease;
      await lease.release();
      const after = await scrape(second);
      expect(after.get('slawatch_sla_exporter')).toBe(1);
      expect(after.get(`slawatch_open_tickets{status="new",${labels('emea')}}`)).toBe(1);
    } finally {
      await second.close();
    }
  });
});
