import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentDeliveryError } from '../src/delivery/delivery-error.js';
import { pagerDutyReceiver } from '../src/delivery/pagerduty-receiver.js';
import { breachNotification, LocalEndpoint } from './receiver-fixtures.js';

// PagerDuty's Events API v2, answered by a local endpoint that speaks its status codes.
const endpoint = new LocalEndpoint(202);
let url: string;
beforeAll(async () => {
  url = await endpoint.listen('/v2/enqueue');
});
afterAll(() => endpoint.close());

const receiver = () =>
  pagerDutyReceiver({
    url,
    routingKey: 'R0UT1NGKEY',
    ticketUrl: 'https://help.example.com/t/{ticketId}',
    timeoutMs: 2000,
  });

describe('PagerDuty receiver', () => {
  it('triggers with a stable dedup_key and a severity by level, and resolves by the same key', async () => {
    const breach = breachNotification();
    const atRisk = breachNotification({
      labels: { ...breach.labels, level: 'at_risk' },
      alertKey: 'T-x/firstResponse/1/at_risk',
      threshold: 0.75,
    });
    await receiver().deliver(breach);
    await receiver().deliver(atRisk);
    await receiver().deliver({ ...breach, action: 'resolve', id: `${breach.id}/resolve` });
    const [trigger, warning, resolve] = endpoint.json<Record<string, unknown>>().slice(-3);
    expect(trigger).toMatchObject({
      routing_key: 'R0UT1NGKEY',
      event_action: 'trigger',
      dedup_key: breach.alertKey,
      payload: {
        summary: `${breach.ticketId}: first response SLA breached (urgent, team emea)`,
        source: 'slawatch',
        severity: 'critical',
        timestamp: '2026-11-23T09:15:00Z',
        component: 'firstResponse',
        group: 'emea',
        class: 'breach',
        custom_details: { ticketId: breach.ticketId, idempotencyKey: breach.id },
      },
      links: [{ href: `https://help.example.com/t/${breach.ticketId}` }],
    });
    const payload = (warning as { payload: { severity: string; summary: string } }).payload;
    expect(payload.severity).toBe('warning');
    expect(payload.summary).toContain('at risk (75% of the target used)');
    expect(resolve).toEqual({
      routing_key: 'R0UT1NGKEY',
      event_action: 'resolve',
      dedup_key: breach.alertKey,
    });
  });

  it('retries on 429 and 5xx, and gives up at once on 400 (a bad event or key)', async () => {
    endpoint.answers = [429];
    await expect(receiver().deliver(breachNotification())).rejects.not.toBeInstanceOf(
      PermanentDeliveryError,
    );
    endpoint.answers = [503];
    await expect(receiver().deliver(breachNotification())).rejects.toThrow(
      'PagerDuty answered 503',
    );
    endpoint.answers = [400];
    await expect(receiver().deliver(breachNotification())).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
  });
});
