import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '@slawatch/test';
import { BrowserStack, SCREENSHOTS, type Page } from './browser-stack.js';

const MINUTE = 60_000;
const READER = 'forecast-reader-0123456789';
const ADMIN = 'forecast-admin-0123456789';
const NOW = Date.now();

const POLICIES = `
policies:
  - id: standard
    targets: { firstResponse: 1h }
    warnAt: [0.25]
alerting:
  ticketUrl: https://help.example.com/tickets/{ticketId}
`;

let n = 0;
const event = (subject: string, at: number, type: string, data: object) => ({
  specversion: '1.0',
  id: `forecast-${++n}`,
  source: 'forecast-test',
  type,
  subject,
  time: new Date(at).toISOString(),
  data,
});
const created = (id: string, at: number, team: string) =>
  event(id, at, 'ticket.created', { priority: 'normal', team, channel: 'email' });
const replied = (id: string, at: number) =>
  event(id, at, 'ticket.commented', { author: 'agent', public: true });
const surveyed = (id: string, at: number, kind: 'csat' | 'nps', score: number) =>
  event(id, at, 'ticket.surveyed', { kind, score });

/**
 * The history the forecast reads: 60 first replies of team emea (the forecast wants 50),
 * 40 of them after 2 hours and 20 after 45 minutes, all more than an hour ago (so the team
 * answered nobody in the last hour). Then two tickets still waiting for emea's first reply,
 * due within the hour: of the 60 like clocks that had 30 minutes on them, 40 were still
 * running at an hour, so FC-WAITING's chance is 40 / 60; FC-BEHIND waits behind it in a
 * queue nobody is answering, so its deadline is already lost (100 %, 1 ahead). Team us has
 * one ticket, answered: nothing of it is likely to breach. It is assigned to ana, and its
 * requester scored it CSAT 2 (a follow-up; surveys change no clock or forecast).
 */
function history() {
  const events = [];
  for (let i = 0; i < 60; i++) {
    const at = NOW - 6 * 60 * MINUTE + i * 2 * MINUTE;
    events.push(
      created(`FH-${i}`, at, 'emea'),
      replied(`FH-${i}`, at + (i < 40 ? 120 : 45) * MINUTE),
    );
  }
  events.push(created('FC-WAITING', NOW - 30 * MINUTE, 'emea'));
  events.push(created('FC-BEHIND', NOW - 20 * MINUTE, 'emea'));
  events.push(
    created('FU-1', NOW - 3 * 60 * MINUTE, 'us'),
    event('FU-1', NOW - 175 * MINUTE, 'ticket.assigned', { assigneeId: 'ana' }),
    replied('FU-1', NOW - 170 * MINUTE),
    surveyed('FU-1', NOW - 100 * MINUTE, 'csat', 2),
  );
  return events;
}

describe('the "Likely to breach" and "Follow-ups" lists in a real browser', () => {
  const stack = new BrowserStack({
    name: 'forecast',
    policies: POLICIES,
    admin: ADMIN,
    tokens: [{ name: 'wall', token: READER, scopes: ['read'] }],
    services: ['tracker'],
  });
  const { api, produce } = stack;
  let page: Page;

  beforeAll(async () => {
    await stack.start(history());
    // The gateway computes the forecast when first asked and keeps it a minute: it must not
    // be asked before the tracker has folded every event (records and timers come before
    // the metrics, update-tickets.ts).
    const folded = async () => {
      for (;;) {
        const m = await api<{
          values?: { emea?: { volume: { created: number }; firstResponseTime: { count: number } } };
        }>('metrics?window=24h&dimension=team&values=emea');
        const emea = m.values?.emea;
        if (emea?.volume.created === 62 && emea.firstResponseTime.count === 60) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await withTimeout(folded(), 20_000, 'the tracker to fold the history');
    page = await stack.openPage({ width: 1920, height: 1080 });
  });

  afterAll(() => stack.stop());

  const list = (p: Page) => p.locator('table[aria-label="Likely to breach"]');

  it('lists the clocks likely to breach, most likely first, with their chance and queue', async () => {
    await page.goto(`${stack.base}/#token=${READER}`);
    const rows = list(page).locator('tbody tr[data-ticket]');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    const ids = await Promise.all((await rows.all()).map((r) => r.getAttribute('data-ticket')));
    expect(ids).toEqual(['FC-BEHIND', 'FC-WAITING']);

    const waiting = list(page).locator('tr[data-ticket="FC-WAITING"]');
    const field = (row: typeof waiting, name: string) =>
      row.locator(`[data-field="${name}"]`).textContent();
    expect(await waiting.locator('td.chance').textContent()).toBe('67 %');
    expect(await field(waiting, 'clock')).toBe('First reply');
    expect(await field(waiting, 'team')).toBe('emea');
    expect(await field(waiting, 'ahead')).toBe('0 ahead');
    expect(await waiting.getByRole('link').getAttribute('href')).toBe(
      'https://help.example.com/tickets/FC-WAITING',
    );
    expect(await waiting.locator('td.chance').getAttribute('title')).toBe(
      'From 60 recent durations of team emea',
    );
    // Due 30 minutes after the test began: it counts down, in minutes and seconds.
    const countdown = waiting.locator('[data-countdown]');
    const first = (await countdown.textContent()) ?? '';
    const [minutes] = first.split(':').map(Number);
    expect(minutes).toBeGreaterThanOrEqual(25);
    expect(minutes).toBeLessThanOrEqual(29);
    await expect.poll(() => countdown.textContent(), { timeout: 2500 }).not.toBe(first);
    // The at-risk list, which has it too (past a quarter of its hour), counts the same.
    const atRisk = page.locator('table[aria-label="At risk"] tr[data-ticket="FC-WAITING"]');
    expect(await atRisk.getAttribute('data-state')).toBe('running');
    const both = async () => [
      await atRisk.locator('[data-countdown]').textContent(),
      await countdown.textContent(),
    ];
    await expect.poll(async () => new Set(await both()).size).toBe(1);

    const behind = list(page).locator('tr[data-ticket="FC-BEHIND"]');
    expect(await behind.locator('td.chance').textContent()).toBe('100 %');
    expect(await field(behind, 'ahead')).toBe('1 ahead');

    // The same as the gateway says, at the same minute (it keeps its forecast a minute).
    const answer = await api<{
      computedAt: string;
      clocks: { probability: number }[];
    }>('forecast');
    expect(answer.clocks.map((c) => Math.round(c.probability * 100))).toEqual([100, 67]);
    const caption = page.locator('#forecast-caption');
    expect(await caption.textContent()).toMatch(/the share that breached/);
    // In the browser's zone, which is this process's.
    const computedAt = new Date(answer.computedAt).toLocaleTimeString('en-GB', {
      hourCycle: 'h23',
    });
    expect(await caption.textContent()).toContain(`Computed at ${computedAt}.`);
    await page.screenshot({ path: join(SCREENSHOTS, 'wallboard-forecast.png') });
  });

  it('shows the low scores in the Follow-ups panel, and one produced to Kafka as it arrives', async () => {
    const panel = page.locator('table[aria-label="Follow-ups"]');
    const rows = panel.locator('tbody tr[data-ticket]');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    const first = rows.first();
    const field = (name: string) => first.locator(`[data-field="${name}"]`).textContent();
    expect(await field('score')).toBe('CSAT 2/5');
    expect(await field('team')).toBe('us');
    expect(await field('assignee')).toBe('ana');
    // A hundred minutes before the test began (a minute more if it was slow to start).
    expect(await first.locator('time').textContent()).toMatch(/^1 h 4[01] min ago$/);
    expect(await first.getByRole('link').getAttribute('href')).toBe(
      'https://help.example.com/tickets/FU-1',
    );
    // A detractor and a promoter, produced to the topic the tracker reads: only the
    // detractor is a follow-up, on top, highlighted, without reloading the page.
    await produce([
      surveyed('FU-1', Date.now() - 1000, 'nps', 3),
      surveyed('FU-1', Date.now() - 1000, 'nps', 10),
    ]);
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    expect(await field('score')).toBe('NPS 3/10');
    expect(await first.getAttribute('data-kind')).toBe('nps');
    expect(await first.getAttribute('data-new')).toBe('');
    expect(await rows.nth(1).locator('[data-field="score"]').textContent()).toBe('CSAT 2/5');
    // As the API says, newest first.
    const answer = await api<{ followUps: { kind: string; score: number }[] }>('follow-ups');
    expect(answer.followUps.map((f) => `${f.kind} ${f.score}`)).toEqual(['nps 3', 'csat 2']);
    await page.screenshot({ path: join(SCREENSHOTS, 'wallboard-follow-ups.png') });
    // A team with none says so.
    await page.locator('select[name=scope]').selectOption('team:emea');
    await expect
      .poll(() => panel.locator('tbody tr').textContent(), { timeout: 5000 })
      .toBe('No low score in the last 7 days.');
    await page.locator('select[name=scope]').selectOption('all');
    await expect.poll(() => rows.count(), { timeout: 5000 }).toBe(2);
  });

  it("follows the board's team: nothing is likely to breach for us", async () => {
    await page.locator('select[name=scope]').selectOption('team:us');
    await expect
      .poll(() => list(page).locator('tbody tr').textContent(), { timeout: 5000 })
      .toBe('No clock is likely to breach within the hour.');
    await page.locator('select[name=scope]').selectOption('team:emea');
    await expect.poll(() => list(page).locator('tbody tr[data-ticket]').count()).toBe(2);
  });

  it('fits TV mode, beside the at-risk list, the breaches over the follow-ups', async () => {
    await page.keyboard.press('t');
    await expect.poll(() => page.locator('body').getAttribute('data-mode')).toBe('tv');
    const sections = await page.locator('.lists > .list-section').all();
    const boxes = await Promise.all(sections.map((s) => s.boundingBox()));
    expect(boxes).toHaveLength(4);
    const [atRisk, forecast, breaches, followUps] = boxes.map((b) => b!);
    // Three abreast, in one row, on the screen; the follow-ups under the breaches.
    expect(new Set([atRisk, forecast, breaches].map((b) => Math.round(b!.y))).size).toBe(1);
    expect(Math.round(followUps!.x)).toBe(Math.round(breaches!.x));
    expect(followUps!.y).toBeGreaterThan(breaches!.y + breaches!.height);
    for (const b of boxes) expect(b!.y + b!.height).toBeLessThanOrEqual(1080);
    // The board shows emea now, which has no low score.
    expect(await page.locator('table[aria-label="Follow-ups"] tbody tr').textContent()).toBe(
      'No low score in the last 7 days.',
    );
    expect(await page.locator('#forecast-caption').isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'wallboard-forecast-tv.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('body').getAttribute('data-mode')).toBe('laptop');
  });

  it('goes under the at-risk list on a laptop, beside the breaches and the follow-ups', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const [atRisk, forecast, breaches, followUps] = await Promise.all(
      (await page.locator('.lists > .list-section').all()).map((s) => s.boundingBox()),
    );
    expect(forecast!.y).toBeGreaterThan(atRisk!.y + atRisk!.height);
    expect(Math.round(breaches!.y)).toBe(Math.round(forecast!.y));
    expect(breaches!.x).toBeGreaterThan(forecast!.x + forecast!.width);
    expect(Math.round(followUps!.x)).toBe(Math.round(breaches!.x));
    expect(followUps!.y).toBeGreaterThan(breaches!.y + breaches!.height);
    await page.screenshot({
      path: join(SCREENSHOTS, 'wallboard-forecast-laptop.png'),
      fullPage: true,
    });
  });
});
