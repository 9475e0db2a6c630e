import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertmanager, type AlertmanagerServer } from '@slawatch/test';
import { alertmanagerReceiver } from '../src/delivery/alertmanager-receiver.js';
import { breachNotification } from './receiver-fixtures.js';

// A real Alertmanager (Debian's prometheus-alertmanager), through its API v2.
let am: AlertmanagerServer;
beforeAll(async () => {
  am = await startAlertmanager();
}, 30_000);
afterAll(async () => {
  await am?.stop();
});

const receiver = () =>
  alertmanagerReceiver({
    url: am.url,
    ticketUrl: 'https://help.example.com/t/{ticketId}',
    timeoutMs: 2000,
    now: Date.now,
  });

describe('Alertmanager receiver', () => {
  it('raises an alert with the labels of docs/alerts.md, and ends it on resolve', async () => {
    const breach = breachNotification({ time: Date.now() - 60_000, deadline: Date.now() - 60_000 });
    await receiver().deliver(breach);
    const [alert] = await am.alerts(`ticket="${breach.ticketId}"`);
    expect(alert?.labels).toEqual({
      alertname: 'SlaBreach',
      ticket: breach.ticketId,
      clock: 'firstResponse',
      policy: 'gold',
      priority: 'urgent',
      team: 'emea',
      severity: 'critical',
    });
    expect(alert?.status.state).toBe('active');
    expect(Date.parse(alert!.startsAt)).toBe(breach.time);

    await receiver().deliver({ ...breach, action: 'resolve', time: Date.now() });
    const after = await am.alerts(`ticket="${breach.ticketId}"`);
    // Resolved: no longer active (Alertmanager keeps it, ended, until it is collected).
    expect(after.filter((a) => Date.parse(a.endsAt) > Date.now())).toEqual([]);
  });

  it('raises at-risk alerts as SlaAtRisk with severity warning, and a ticket without a team with team=""', async () => {
    const n = breachNotification({ time: Date.now() - 1000 });
    const atRisk = { ...n, labels: { ...n.labels, level: 'at_risk' as const, team: null } };
    await receiver().deliver(atRisk);
    const [alert] = await am.alerts(`ticket="${n.ticketId}"`);
    expect(alert?.labels).toMatchObject({ alertname: 'SlaAtRisk', severity: 'warning' });
    expect(alert?.labels.team ?? '').toBe('');
  });
});

describe('Alertmanager receiver with producers’ ticket ids', () => {
  it('raises alerts whose ticket label is the id exactly: outside Latin-1, controls, emoji', async () => {
    const run = Math.random().toString(36).slice(2, 8);
    const ids = [`Tïcket-✓-${run}`, `T\u0001\n${run}`, `🚨🔥-${run}`, `T"}\\-${run}`];
    for (const ticketId of ids)
      await receiver().deliver(
        breachNotification({
          ticketId,
          id: `${ticketId}/firstResponse:1:breached/am`,
          alertKey: `${ticketId}/firstResponse/1/breach`,
          time: Date.now() - 60_000,
          deadline: Date.now() - 60_000,
        }),
      );
    const tickets = (await am.alerts()).map((a) => a.labels.ticket!).filter((t) => t.endsWith(run));
    expect(tickets.sort()).toEqual([...ids].sort());
  });
});
