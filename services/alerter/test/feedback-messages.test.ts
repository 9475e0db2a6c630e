import { describe, expect, it } from 'vitest';
import type { Notification } from '@slawatch/core';
import { alertmanagerAlert, FEEDBACK_HOLD_MS } from '../src/delivery/alertmanager-receiver.js';
import { alertDigest, digestCounts } from '../src/delivery/alert-digest.js';
import { emailSubject, emailText } from '../src/delivery/email-receiver.js';
import { notificationBody } from '../src/delivery/notification-body.js';
import { pagerDutyEvent } from '../src/delivery/pagerduty-receiver.js';
import { slackDigest, slackMessage } from '../src/delivery/slack-receiver.js';
import { breachNotification } from './receiver-fixtures.js';

// What each receiver says of a `feedback` alert: a low survey score, with the ticket, its
// team and assignee, as information rather than an SLA alarm, and never resolved.
const URL = 'https://help.example.com/t/{ticketId}';
const NOW = Date.parse('2026-11-23T11:01:00Z');
const feedback = (over: Partial<NonNullable<Notification['feedback']>> = {}): Notification => {
  const n = breachNotification();
  return {
    ...n,
    id: `${n.ticketId}/csat:k1:feedback/r`,
    alertKey: `${n.ticketId}/csat/k1/feedback`,
    cycle: null,
    labels: { ...n.labels, clock: null, level: 'feedback' },
    time: Date.parse('2026-11-23T11:00:00Z'),
    deadline: null,
    feedback: { kind: 'csat', score: 2, assignee: 'ana', ...over },
  };
};

describe('feedback alerts in each receiver’s words', () => {
  it('webhook: level feedback, the survey’s kind and score, the assignee and the ticket link', () => {
    const n = feedback();
    expect(notificationBody(n, URL, NOW)).toEqual({
      id: n.id,
      action: 'trigger',
      alert: {
        key: n.alertKey,
        level: 'feedback',
        ticketId: n.ticketId,
        clock: null,
        cycle: null,
        team: 'emea',
        priority: 'urgent',
        policy: 'gold',
        customerTier: null,
        time: '2026-11-23T11:00:00Z',
        deadline: null,
        survey: { kind: 'csat', score: 2 },
        assignee: 'ana',
        url: `https://help.example.com/t/${n.ticketId}`,
      },
      sentAt: '2026-11-23T11:01:00.000Z',
    });
  });

  it('Slack: a speech balloon, the score out of its scale, the team and the assignee', () => {
    const n = feedback();
    const m = slackMessage(n, URL, NOW);
    expect(m.text).toBe(`:speech_balloon: Low CSAT 2/5 on ${n.ticketId} (team emea, ana)`);
    expect(m.blocks[0]!.text).toEqual({
      type: 'mrkdwn',
      text: `:speech_balloon: Low CSAT 2/5 on <https://help.example.com/t/${n.ticketId}|${n.ticketId}> (team emea, ana)`,
    });
    expect(m.blocks[1]!.elements!.map((e) => e.text)).toEqual([
      '*Priority* urgent',
      '*Team* emea',
      '*Policy* gold',
      '*Assignee* ana',
      '*Surveyed* 2026-11-23T11:00:00Z',
    ]);
    // An NPS without an assignee, and an assignee that looks like markup, stays text.
    const nps = { ...feedback({ kind: 'nps', score: 6, assignee: null }) };
    expect(slackMessage(nps, null, NOW).text).toBe(
      `:speech_balloon: Low NPS 6/10 on ${nps.ticketId} (team emea)`,
    );
    const hostile = feedback({ assignee: '<!channel>' });
    expect(slackMessage(hostile, null, NOW).blocks[0]!.text!.text).toContain('&lt;!channel&gt;');
  });

  it('PagerDuty: an info trigger with the survey, and no resolve ever', () => {
    const n = feedback();
    expect(pagerDutyEvent(n, 'key', URL)).toEqual({
      routing_key: 'key',
      event_action: 'trigger',
      dedup_key: n.alertKey,
      payload: {
        summary: `${n.ticketId}: low CSAT 2/5 (urgent, team emea, assignee ana)`,
        source: 'slawatch',
        severity: 'info',
        timestamp: '2026-11-23T11:00:00Z',
        component: 'csat',
        group: 'emea',
        class: 'feedback',
        custom_details: {
          ticketId: n.ticketId,
          survey: 'csat',
          score: 2,
          assignee: 'ana',
          policy: 'gold',
          priority: 'urgent',
          customerTier: null,
          idempotencyKey: n.id,
        },
      },
      links: [{ href: `https://help.example.com/t/${n.ticketId}`, text: `Ticket ${n.ticketId}` }],
    });
  });

  it('Alertmanager: SlaFeedback, info, ending on its own an hour after it is sent', () => {
    const n = feedback();
    expect(alertmanagerAlert(n, URL, NOW)).toEqual({
      labels: {
        alertname: 'SlaFeedback',
        ticket: n.ticketId,
        survey: 'csat',
        policy: 'gold',
        priority: 'urgent',
        team: 'emea',
        severity: 'info',
      },
      annotations: { summary: `${n.ticketId}: low CSAT 2/5`, score: '2', assignee: 'ana' },
      startsAt: '2026-11-23T11:00:00Z',
      endsAt: new Date(NOW + FEEDBACK_HOLD_MS).toISOString().replace('.000Z', 'Z'),
      generatorURL: `https://help.example.com/t/${n.ticketId}`,
    });
    expect(FEEDBACK_HOLD_MS).toBe(3_600_000);
  });

  it('e-mail: FEEDBACK in the subject, the score, assignee and survey time in the body', () => {
    const n = feedback();
    expect(emailSubject(n)).toBe(`[slawatch] FEEDBACK urgent ${n.ticketId} CSAT 2/5 (team emea)`);
    const text = emailText(n, URL, NOW);
    expect(text).toContain(
      `Ticket ${n.ticketId} got a low score, CSAT 2/5: the customer may need a call back.`,
    );
    expect(text).toContain('Score:       CSAT 2/5\n');
    expect(text).toContain('Assignee:    ana\n');
    expect(text).toContain('Surveyed at: 2026-11-23T11:00:00Z\n');
    expect(text).not.toContain('Clock:');
    expect(text).not.toContain('Deadline:');
  });

  it('digests: a line per low score among the team’s alerts, counted as low scores', () => {
    const a = feedback();
    const b = feedback({ kind: 'nps', score: 3, assignee: '<bo>' });
    const ns = [a, b, breachNotification()];
    expect(digestCounts(ns)).toBe('2 low scores, 1 breach');
    const digest = alertDigest(ns, (n) => n.ticketId, NOW);
    expect(digest.lines.slice(1)).toEqual([
      `Low CSAT 2/5 on ${a.ticketId}, urgent, ana`,
      `Low NPS 3/10 on ${b.ticketId}, urgent, <bo>`,
    ]);
    // Slack's digest escapes the assignee, a producer's value.
    const slack = JSON.stringify(slackDigest(ns, null, NOW));
    expect(slack).toContain(`Low NPS 3/10 on ${b.ticketId}, urgent, &lt;bo&gt;`);
  });
});
