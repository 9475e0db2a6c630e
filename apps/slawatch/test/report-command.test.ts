import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '@slawatch/test/browser';
import { uniqueGroupId } from '@slawatch/test';
import { topicWithEvents } from './topic-with-events.js';
import { runCli, runCliAsync } from './run-cli.js';
import { tempFiles } from './temp-files.js';

// `slawatch report` as a user runs it: its figures are checked against the plain reference
// in test/e2e/report-equals-reference.test.ts; here, its inputs, formats and errors.
const file = tempFiles('slawatch-report-');
const policies = file(
  'policies.yaml',
  `policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { firstResponse: 15m }
alerting:
  ticketUrl: https://help.example.com/t/{ticketId}
`,
);

const event = (id: string, subject: string, time: string, type: string, data: object) =>
  JSON.stringify({ specversion: '1.0', id, source: 'test', type, subject, time, data });
const created = (id: string, subject: string, time: string, team: string, customerId: string) =>
  event(id, subject, time, 'ticket.created', {
    priority: 'urgent',
    channel: 'email',
    team,
    customerId,
  });
const reply = (id: string, subject: string, time: string) =>
  event(id, subject, time, 'ticket.commented', { author: 'agent', public: true });
const HOSTILE = '<script>alert(1)</script>';
// November: A breaches its first response (20 min), B meets it; October: C meets it.
const HISTORY = [
  created('1', 'A', '2026-11-03T09:00:00Z', 'emea', 'acme'),
  reply('2', 'A', '2026-11-03T09:20:00Z'),
  created('3', 'B', '2026-11-04T09:00:00Z', HOSTILE, 'acme'),
  reply('4', 'B', '2026-11-04T09:05:00Z'),
  created('5', 'C', '2026-10-10T09:00:00Z', 'emea', 'globex'),
  reply('6', 'C', '2026-10-10T09:05:00Z'),
];
const events = file('events.ndjson', `${HISTORY.join('\n')}\n`);
const MONTH = ['--from', '2026-11-01T00:00:00Z', '--to', '2026-12-01T00:00:00Z'];

interface Json {
  from: string;
  previousFrom: string;
  by: string;
  overall: {
    period: { breaches: { firstResponse: number } };
    previous: { volume: { created: number } };
  };
  rows: { value: string; period: { attainment: { firstResponse: number | null } } }[];
  breached: { ticketId: string; clock: string; breachedAt: string; customerId: string }[];
  breachedCount: number;
}

const report = (...more: string[]) =>
  runCli(['report', '-p', policies, '-e', events, ...MONTH, ...more]);

describe('slawatch report', () => {
  it('reports a month as JSON, by customer, against the month before, with the breached clocks', () => {
    const r = report('--by', 'customerId');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json).toMatchObject({
      from: '2026-11-01T00:00:00.000Z',
      previousFrom: '2026-10-02T00:00:00.000Z',
      by: 'customerId',
      overall: { period: { breaches: { firstResponse: 1 } }, previous: { volume: { created: 1 } } },
      breachedCount: 1,
    });
    expect(json.rows.map((row) => [row.value, row.period.attainment.firstResponse])).toEqual([
      ['acme', 0.5],
      ['globex', null],
    ]);
    expect(json.breached).toEqual([
      expect.objectContaining({
        ticketId: 'A',
        clock: 'firstResponse',
        breachedAt: '2026-11-03T09:15:00.000Z',
        customerId: 'acme',
      }),
    ]);
  });

  it('writes CSV: the whole period, then a row per value, the period’s figures then the previous', () => {
    const r = report('--by', 'team', '--format', 'csv');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 7)).toEqual([
      'from',
      'to',
      'previousFrom',
      'by',
      'value',
      'period.firstResponseTime.count',
      'period.firstResponseTime.mean',
    ]);
    expect(header).toContain('previous.breaches.total');
    expect(lines).toHaveLength(4); // header, *, the hostile team, emea
    const at = (line: string, column: string) => line.split(',')[header.indexOf(column)];
    expect(at(lines[1]!, 'value')).toBe('*');
    expect(at(lines[1]!, 'period.breaches.total')).toBe('1');
    expect(at(lines[1]!, 'previous.volume.created')).toBe('1');
  });

  it('writes an HTML page that escapes the producers’ values and prints to PDF in Chromium', async () => {
    const out = file('report.html', '');
    const r = report('--by', 'team', '--format', 'html', '--output', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`file://${out}`);
      await expect(page.locator('h1').textContent()).resolves.toBe(
        'SLA report 2026-11-01 – 2026-11-30 by team',
      );
      // The team named like a script is shown as text, and nothing ran.
      await expect(page.getByRole('rowheader', { name: HOSTILE }).count()).resolves.toBe(1);
      expect(dialogs).toEqual([]);
      const cards = await page.locator('.card').allTextContents();
      expect(cards[0]).toMatch(/^SLA attainment50\.0 %previous 100\.0 % −50\.0 pt/);
      await expect(page.getByRole('link', { name: 'A' }).getAttribute('href')).resolves.toBe(
        'https://help.example.com/t/A',
      );
      await expect(page.locator('svg[role="img"]').count()).resolves.toBeGreaterThan(0);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('names what is wrong: an empty period, an unknown breakdown, no policy document', () => {
    const empty = runCli([
      'report',
      '-p',
      policies,
      '-e',
      events,
      '--from',
      '2026-12-01T00:00:00Z',
      '--to',
      '2026-11-01T00:00:00Z',
    ]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(
      'the period is empty: --from 2026-12-01T00:00:00.000Z is not before --to 2026-11-01T00:00:00.000Z',
    );
    const by = report('--by', 'colour');
    expect(by.code).toBe(2);
    expect(by.stderr).toContain(
      "argument 'colour' is invalid. Allowed choices are team, queue, policy, priority, customerTier, customerId, assignee",
    );
    const none = runCli(['report', '-e', events, ...MONTH]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      '--policies: name the policy document (or set SLAWATCH_POLICIES)',
    );
  });

  describe('from the events topic', () => {
    const broker = topicWithEvents('report');
    afterAll(() => broker.close());

    it('reads the topic in a group of its own and gives the file’s report', async () => {
      const topic = await broker.topicWith(HISTORY);
      const r = await runCliAsync(['report', ...MONTH, '--by', 'team'], {
        SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
        SLAWATCH_TOPIC: topic,
        SLAWATCH_GROUP_ID: uniqueGroupId('report-services'),
        SLAWATCH_POLICIES: policies,
      });
      expect(r.stderr).toContain('messages read');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(report('--by', 'team').stdout));
    });
  });
});
