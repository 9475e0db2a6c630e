import { describe, expect, it } from 'vitest';
import { alertmanagerAlert } from '../src/delivery/alertmanager-receiver.js';
import { digestCounts } from '../src/delivery/alert-digest.js';
import { emailSubject, emailText } from '../src/delivery/email-receiver.js';
import { notificationBody } from '../src/delivery/notification-body.js';
import { pagerDutyEvent } from '../src/delivery/pagerduty-receiver.js';
import { slackMessage } from '../src/delivery/slack-receiver.js';
import { breachNotification } from './receiver-fixtures.js';

// What each receiver says of a `forecast` alert: likely to breach, with its probability,
// as a warning rather than a breach.
const forecast = () => {
  const n = breachNotification();
  return {
    ...n,
    alertKey: `${n.ticketId}/firstResponse/1/forecast`,
    labels: { ...n.labels, level: 'forecast' as const },
    time: Date.parse('2026-11-23T09:03:00Z'),
    probability: 0.83,
  };
};
const NOW = Date.parse('2026-11-23T09:03:00Z');

describe('forecast alerts in each receiver’s words', () => {
  it('webhook: level forecast with its probability', () => {
    expect(notificationBody(forecast(), null, NOW).alert).toMatchObject({
      level: 'forecast',
      probability: 0.83,
    });
  });

  it('Slack: likely to breach, with the probability and the time left', () => {
    const m = slackMessage(forecast(), null, NOW);
    expect(m.text).toMatch(
      /^:crystal_ball: Likely to breach \(83%\): First response SLA of T-\d+ \(.+\)$/,
    );
  });

  it('PagerDuty: a warning saying how likely', () => {
    const e = pagerDutyEvent(forecast(), 'key', null) as {
      payload: { severity: string; summary: string };
    };
    expect(e.payload.severity).toBe('warning');
    expect(e.payload.summary).toContain('first response SLA likely to breach (83% probability)');
  });

  it('Alertmanager: SlaBreachForecast, a warning with the probability', () => {
    const a = alertmanagerAlert(forecast(), null, NOW);
    expect(a.labels).toMatchObject({ alertname: 'SlaBreachForecast', severity: 'warning' });
    expect(a.annotations).toMatchObject({ probability: '0.83' });
    expect(a.annotations.summary).toContain('likely to breach');
    expect(a.startsAt).toBe('2026-11-23T09:03:00Z');
  });

  it('e-mail and digests: FORECAST, likely to miss its target', () => {
    const n = forecast();
    expect(emailSubject(n)).toMatch(
      /^\[slawatch\] FORECAST urgent T-\d+ first response \(team emea\)$/,
    );
    expect(emailText(n, null, NOW)).toContain(
      'is likely to miss its first response target (83% probability)',
    );
    expect(digestCounts([n, n, breachNotification()])).toBe('2 forecasts, 1 breach');
  });
});
