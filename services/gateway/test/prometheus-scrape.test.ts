import { afterAll, describe, expect, it } from 'vitest';
import { startPrometheus, type PrometheusServer } from '@slawatch/test';
import { useGateway } from './gateway-fixture.js';

const gw = useGateway();
let prometheus: PrometheusServer | undefined;

afterAll(async () => {
  await prometheus?.stop();
});

/** Polls Prometheus until `promql` answers `wanted` (its samples' values), or times out. */
async function eventually(promql: string, wanted: string[], timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = (await prometheus!.query(promql)).map((r) => r.value[1]).sort();
    if (JSON.stringify(last) === JSON.stringify(wanted)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(last, promql).toEqual(wanted);
}

describe('a real Prometheus scraping the gateway', () => {
  it('finds the SLA and health series through its own query API', async () => {
    const address = await gw.app.listen({ host: '127.0.0.1', port: 0 });
    prometheus = await startPrometheus({ targets: [new URL(address).host] });
    await eventually('up{job="slawatch"}', ['1']);
    await eventually('sum by (team) (slawatch_open_tickets{status="new"})', ['1', '1']);
    await eventually('slawatch_open_breached_tickets{team="emea",policy="urgent"}', ['1']);
    await eventually('sum(slawatch_sla_breaches_total{clock="firstResponse"})', ['1']);
    await eventually('slawatch_sla_exporter', ['1']);
    // The gateway's own health: counted once a scrape has been answered, so from the second.
    await eventually('count(slawatch_http_requests_total{route="/metrics",status_code="200"})', [
      '1',
    ]);
    await eventually('count(nodejs_eventloop_lag_seconds)', ['1']);
  }, 60_000);
});
