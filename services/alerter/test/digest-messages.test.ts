import { describe, expect, it } from 'vitest';
import type { DigestFigures, DigestReport, Notification } from '@slawatch/core';
import { emailDigestText } from '../src/delivery/email-receiver.js';
import { digestRows, digestSubject, digestTitle } from '../src/delivery/digest-message.js';
import { digestBody } from '../src/delivery/notification-body.js';
import { slackDigestReport } from '../src/delivery/slack-receiver.js';

const FIGURES: DigestFigures = {
  attainment: { overall: 0.925, firstResponse: 0.95, nextResponse: null, resolution: 0.9 },
  breaches: 12,
  created: 340,
  solved: 300,
  firstResponseP50: 720,
  firstResponseP90: 3600,
  resolutionP90: 86_400,
  fcrRate: 0.71,
  csatShare: 0.88,
  nps: 42,
  qualityScore: 81.26,
};
const PREVIOUS: DigestFigures = {
  ...FIGURES,
  attainment: { overall: 0.913, firstResponse: 0.95, nextResponse: 0.8, resolution: 0.92 },
  breaches: 15,
  created: 320,
  firstResponseP50: 840,
  nps: 39,
};
const report = (over: Partial<DigestReport> = {}): DigestReport => ({
  digest: 'emea-weekly',
  team: 'emea',
  every: 'week',
  timezone: 'Europe/Berlin',
  from: Date.parse('2026-11-30T07:00:00Z'),
  to: Date.parse('2026-12-07T07:00:00Z'),
  figures: FIGURES,
  previous: PREVIOUS,
  link: 'https://slawatch.example.com/?page=reports&from=2026-11-30T07%3A00%3A00Z&to=2026-12-07T07%3A00%3A00Z&by=team',
  ...over,
});
const notification = (r: DigestReport): Notification => ({
  id: 'digest/emea-weekly/emea/2026-12-07T07:00:00Z/r',
  receiver: 'r',
  action: 'trigger',
  alertKey: 'digest/emea-weekly/emea/2026-12-07T07:00:00Z',
  ticketId: '',
  cycle: null,
  labels: {
    team: r.team,
    priority: null,
    policy: null,
    clock: null,
    level: 'digest',
    customerTier: null,
  },
  time: r.to,
  deadline: null,
  digest: r,
  deliverAt: r.to,
});

describe('a scheduled digest’s messages', () => {
  it('shows each headline figure with its change and an arrow', () => {
    const rows = Object.fromEntries(digestRows(report()).map((r) => [r.label, r]));
    expect(rows.Attainment).toEqual({ label: 'Attainment', value: '92.5%', change: '↑ +1.2 pts' });
    expect(rows['First response']!.change).toBe('→ 0 pts');
    expect(rows['Next response']).toMatchObject({ value: 'n/a', change: null });
    expect(rows.Breaches).toMatchObject({ value: '12', change: '↓ -3 (-20%)' });
    expect(rows.Created).toMatchObject({ value: '340', change: '↑ +20 (+6%)' });
    expect(rows['First response p50']).toMatchObject({ value: '12m', change: '↓ -2m (-14%)' });
    expect(rows['Resolution p90']).toMatchObject({ value: '1d', change: '→ 0' });
    expect(rows.NPS).toMatchObject({ value: '42', change: '↑ +3' });
    expect(rows['Quality score']!.value).toBe('81.3');
    expect(digestRows(report({ previous: null })).every((r) => r.change === null)).toBe(true);
  });

  it('titles Slack’s message by team and week, lists the figures as fields, links the report', () => {
    const m = slackDigestReport(report());
    expect(digestTitle(report())).toBe('SLA digest, team emea, week of 30 Nov – 7 Dec');
    expect(m.blocks[0]).toEqual({
      type: 'header',
      text: {
        type: 'plain_text',
        text: 'SLA digest, team emea, week of 30 Nov – 7 Dec',
        emoji: false,
      },
    });
    const fields = m.blocks.flatMap((b) => b.fields ?? []);
    expect(fields).toHaveLength(14);
    expect(fields[0]!.text).toBe('*Attainment*\n92.5%   ↑ +1.2 pts');
    expect(m.blocks.at(-1)).toMatchObject({
      type: 'actions',
      elements: [{ type: 'button', url: report().link }],
    });
    // Without a public URL: how to get a link; without a previous period: said so.
    const bare = slackDigestReport(report({ link: null, previous: null, team: null }));
    expect(bare.text).toBe('SLA digest, all teams, week of 30 Nov – 7 Dec');
    expect(JSON.stringify(bare.blocks)).toContain('set SLAWATCH_PUBLIC_URL');
    expect(JSON.stringify(bare.blocks)).toContain('No previous period to compare with.');
  });

  it('mails a plain-text digest with aligned figures, the period and the link', () => {
    const r = report();
    expect(digestSubject(r)).toBe('[slawatch] DIGEST emea week to 2026-12-07');
    expect(digestSubject(report({ every: 'day', team: null }))).toBe(
      '[slawatch] DIGEST all teams day to 2026-12-07',
    );
    const text = emailDigestText(notification(r), r);
    const lines = text.split('\n');
    expect(lines[0]).toBe('SLA digest, team emea, week of 30 Nov – 7 Dec');
    expect(lines[1]).toBe('Period: 2026-11-30T07:00:00Z to 2026-12-07T07:00:00Z');
    // Labels, values and changes in columns.
    expect(lines).toContain('Attainment:         92.5%   ↑ +1.2 pts');
    expect(lines).toContain('Breaches:           12      ↓ -3 (-20%)');
    expect(lines).toContain('First response p50: 12m     ↓ -2m (-14%)');
    expect(lines).toContain(`Full report: ${r.link}`);
    const bare = emailDigestText(notification(r), report({ link: null, previous: null }));
    expect(bare).toContain('No previous period to compare with.');
    expect(bare).toContain('set SLAWATCH_PUBLIC_URL');
  });

  it('gives a webhook the figures, the previous period’s and the link as JSON', () => {
    const r = report();
    expect(digestBody(notification(r), r, Date.parse('2026-12-07T07:01:00Z'))).toEqual({
      id: 'digest/emea-weekly/emea/2026-12-07T07:00:00Z/r',
      kind: 'digest',
      digest: 'emea-weekly',
      team: 'emea',
      every: 'week',
      period: { from: '2026-11-30T07:00:00Z', to: '2026-12-07T07:00:00Z' },
      figures: FIGURES,
      previous: PREVIOUS,
      link: r.link,
      sentAt: '2026-12-07T07:01:00.000Z',
    });
  });
});
