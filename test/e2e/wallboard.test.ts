import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { Producer } from 'kafkajs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  deleteKeysByPrefix,
  freePort,
  quietKafka,
  uniqueGroupId,
  uniqueTopic,
} from '../harness/index.js';
import { launchBrowser } from '../harness/browser.js';
import { event } from './support/events.js';
import { startService, waitForOutput, type ServiceProcess } from './support/service-process.js';

/** Where the run leaves its screenshots (gitignored), for people and for docs/wallboard.md. */
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const EMAIL = { channel: 'email' };
const ADMIN = 'wallboard-admin-0123456789';
const READER = 'wallboard-reader-0123456789';

/**
 * A calendar open, every day, from three hours to one hour ago (UTC): closed now, so a
 * clock on it shows out of hours, whatever the time the test runs at.
 */
function closedNowHours(now: number): string[] {
  const minuteOfDay = (t: number) => Math.floor((t % (24 * HOUR)) / MINUTE);
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const from = minuteOfDay(now - 3 * HOUR);
  const to = minuteOfDay(now - HOUR);
  return from < to
    ? [`${hhmm(from)}-${hhmm(to)}`]
    : [`00:00-${hhmm(to)}`, `${hhmm(from)}-24:00`].filter((r) => !r.startsWith('00:00-00:00'));
}

const NOW = Date.now();
const POLICIES = `
calendars:
  - id: closed-now
    timezone: UTC
    weekly:
${['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
  .map((d) => `      ${d}: ${JSON.stringify(closedNowHours(NOW))}`)
  .join('\n')}
policies:
  - id: night
    match: { queue: [night] }
    calendar: closed-now
    targets: { firstResponse: 3h }
    warnAt: [0.5]
  - id: fast
    match: { priority: [urgent] }
    targets: { firstResponse: 1m, resolution: 4h }
    warnAt: [0.5]
  - id: standard
    targets: { firstResponse: 1h, resolution: 8h }
    warnAt: [0.5]
`;

/** What the page's predicate uses of the DOM (this file is type-checked without it). */
interface PageGlobals {
  document: { querySelector(selector: string): { textContent: string | null } | null };
}

const tile = (page: Page, metric: string) => page.locator(`section.tile[data-metric="${metric}"]`);
const figure = async (page: Page, metric: string) =>
  (await tile(page, metric).locator('[data-value]').first().textContent())?.trim() ?? '';

describe('the wallboard in a real browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slawatch-wallboard-'));
  const policyFile = join(dir, 'policies.yaml');
  writeFileSync(policyFile, POLICIES);
  const prefix = `wb-${Math.random().toString(36).slice(2, 8)}`;
  const topic = uniqueTopic('wb-events');
  let port = 0;
  const env = () => ({
    SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
    SLAWATCH_REDIS_URL: inject('redisUrl'),
    SLAWATCH_POLICIES: policyFile,
    SLAWATCH_TOPIC: topic,
    SLAWATCH_DLQ_TOPIC: uniqueTopic('wb-dlq'),
    SLAWATCH_ALERTS_TOPIC: uniqueTopic('wb-alerts'),
    SLAWATCH_GROUP_ID: uniqueGroupId('wb'),
    SLAWATCH_KEY_PREFIX: prefix,
    SLAWATCH_HTTP_HOST: '127.0.0.1',
    SLAWATCH_HTTP_PORT: String(port),
    SLAWATCH_ADMIN_TOKEN: ADMIN,
    SLAWATCH_TOKENS: JSON.stringify([{ name: 'wall', token: READER, scopes: ['read'] }]),
    // info: the test waits for each service's ready line.
    SLAWATCH_LOG_LEVEL: 'info',
  });
  const running: ServiceProcess[] = [];
  const start = (service: string) => {
    const p = startService(service, env());
    running.push(p);
    return p;
  };
  const kafka = quietKafka(inject('kafkaBrokers'), 'wallboard-test');
  let producer: Producer;
  let browser: Browser;
  let page: Page;
  let gateway: ServiceProcess;
  const base = () => `http://127.0.0.1:${port}`;

  const produce = (events: { subject: string }[]) =>
    producer.send({
      topic,
      messages: events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    });

  beforeAll(async () => {
    port = await freePort();
    producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    // Tickets before the board opens: standard ones, answered or not, and one on a
    // calendar that is closed now, at risk since its hours ended.
    await produce([
      event('WB-1', NOW - 30 * MINUTE, 'ticket.created', {
        ...EMAIL,
        priority: 'normal',
        team: 'emea',
      }),
      event('WB-1', NOW - 20 * MINUTE, 'ticket.commented', { author: 'agent', public: true }),
      event('WB-2', NOW - 10 * MINUTE, 'ticket.created', {
        ...EMAIL,
        priority: 'high',
        team: 'emea',
      }),
      event('WB-NIGHT', NOW - 4 * HOUR, 'ticket.created', {
        ...EMAIL,
        priority: 'normal',
        team: 'emea',
        queue: 'night',
        assigneeId: 'ana',
      }),
      event('WB-US', NOW - 4 * HOUR, 'ticket.created', {
        ...EMAIL,
        priority: 'normal',
        team: 'us',
        queue: 'night',
      }),
    ]);
    const tracker = start('tracker');
    const alerter = start('alerter');
    gateway = start('gateway');
    await Promise.all([
      waitForOutput(tracker, 'tracker consuming', 30_000),
      waitForOutput(alerter, 'alerter waiting for deadlines', 30_000),
      waitForOutput(gateway, 'gateway listening', 30_000),
    ]);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    for (const p of running) p.child.kill('SIGKILL');
    await producer?.disconnect();
    const redis = new Redis(inject('redisUrl'));
    await deleteKeysByPrefix(redis, prefix);
    await deleteKeysByPrefix(redis, `{${prefix}:`);
    await redis.quit();
  });

  it('asks for a token, refuses a wrong one, and shows the tiles once signed in', async () => {
    await page.goto(base());
    const form = page.locator('form[aria-label="Sign in"]');
    await form.locator('input[name=token]').fill('not-a-token');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/refused|401/i);
    await form.locator('input[name=token]').fill(READER);
    await form.locator('button[type=submit]').click();
    await tile(page, 'volumeIn').waitFor();
    // A day: every ticket of the test is in it.
    await page.locator('select[name=window]').selectOption('24h');
    for (const metric of [
      'attainment.firstResponse',
      'attainment.nextResponse',
      'attainment.resolution',
      'attainment.overall',
      'breaches',
      'atRisk',
      'openBreached',
      'backlog',
      'firstResponseP50',
      'firstResponseP90',
      'resolutionP90',
      'volumeIn',
      'volumeOut',
      'fcr',
      'csat',
      'nps',
      'quality',
    ])
      await expect.poll(() => tile(page, metric).count(), { message: metric }).toBe(1);
    await expect
      .poll(() => page.locator('[data-connection]').getAttribute('data-connection'))
      .toBe('live');
    await expect.poll(() => figure(page, 'volumeIn')).toBe('4');
    // WB-1 was answered in 10 minutes: the first response tiles say so.
    await expect.poll(() => figure(page, 'firstResponseP50')).toMatch(/^10m/);
    expect(await tile(page, 'volumeIn').locator('svg[data-sparkline]').count()).toBe(1);
  });

  it('shows a clock on a closed calendar as out of hours, with its assignee', async () => {
    const row = page.locator('table[aria-label="At risk"] tr[data-ticket="WB-NIGHT"]');
    await expect.poll(() => row.getAttribute('data-state')).toBe('out-of-hours');
    expect(await row.textContent()).toContain('ana');
    const frozen = await row.locator('[data-countdown]').textContent();
    await page.waitForTimeout(1500);
    expect(await row.locator('[data-countdown]').textContent()).toBe(frozen);
  });

  it('changes a tile within a second of a new event, ticks its countdown, and feeds its breach', async () => {
    const before = Number(await figure(page, 'volumeIn'));
    // Urgent: a one-minute first response, created 50 s ago: at risk now, breached in 10 s.
    const sent = Date.now();
    await produce([
      event('WB-URGENT', sent - 50_000, 'ticket.created', {
        ...EMAIL,
        priority: 'urgent',
        team: 'emea',
      }),
    ]);
    // Polled in the page at every frame. A function, not a string: the page's content
    // security policy forbids eval.
    await page.waitForFunction(
      (want) =>
        (globalThis as unknown as PageGlobals).document
          .querySelector('section.tile[data-metric="volumeIn"] [data-value]')
          ?.textContent?.trim() === want,
      String(before + 1),
      { polling: 'raf', timeout: 5000 },
    );
    expect(Date.now() - sent).toBeLessThan(1000);

    const row = page.locator('table[aria-label="At risk"] tr[data-ticket="WB-URGENT"]');
    await expect.poll(() => row.getAttribute('data-state')).toBe('running');
    const countdown = row.locator('[data-countdown]');
    const first = await countdown.textContent();
    await expect.poll(() => countdown.textContent(), { timeout: 2500 }).not.toBe(first);

    const breach = page.locator('ol[aria-label="Breaches"] li[data-ticket="WB-URGENT"]');
    await breach.waitFor({ timeout: 20_000 });
    // Within a second of its deadline (10 s after it was sent), newest first.
    expect(Date.now() - (sent + 10_000)).toBeLessThan(1000);
    expect(
      await page.locator('ol[aria-label="Breaches"] li').first().getAttribute('data-ticket'),
    ).toBe('WB-URGENT');
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => figure(page, 'breaches')).toBe('1');
  });

  it('lets an admin make a team-limited link that signs a screen in, showing that team only', async () => {
    const admin = await browser.newPage();
    await admin.goto(`${base()}/#token=${ADMIN}`);
    await tile(admin, 'volumeIn').waitFor();
    // The token leaves the address bar at once.
    expect(admin.url()).not.toContain('token');
    await admin.getByRole('button', { name: 'Wallboard link…' }).click();
    await admin.getByRole('checkbox', { name: 'emea' }).check();
    await admin.getByRole('button', { name: 'Create link' }).click();
    const link = await admin.locator('input[name=link]').inputValue();
    await admin.close();
    expect(link).toMatch(/#token=/);

    // A screen with nothing stored: the link alone signs it in, limited to emea.
    const screen = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const wall = await screen.newPage();
    await wall.goto(link);
    await tile(wall, 'volumeIn').waitFor();
    expect(wall.url()).not.toContain('token');
    // In TV mode, as the link asks by default: no controls, the team in the title.
    expect(await wall.locator('body').getAttribute('data-mode')).toBe('tv');
    expect(await wall.locator('select[name=scope]').count()).toBe(0);
    await expect.poll(() => wall.locator('h1').textContent()).toMatch(/emea/);
    const rows = wall.locator('table[aria-label="At risk"] tr[data-ticket]');
    await expect.poll(() => rows.getAttribute('data-ticket')).toBe('WB-NIGHT');
    expect(await rows.count()).toBe(1);
    // The all-teams board of the same moment lists the other team's clock too.
    expect(await page.locator('table[aria-label="At risk"] tr[data-ticket="WB-US"]').count()).toBe(
      1,
    );
    await screen.close();
  });

  it('rotates between saved views in TV mode', async () => {
    const save = async (name: string) => {
      await page.getByRole('button', { name: 'Save view' }).first().click();
      await page.locator('dialog input[name=viewName]').fill(name);
      await page.locator('dialog button[type=submit]').click();
    };
    await save('All day');
    await page.locator('select[name=window]').selectOption('1h');
    await save('Last hour');
    const title = page.locator('h1');
    // A link's settings apply to an open board too: TV mode, the shortest rotation.
    await page.goto(`${base()}/#tv=1&rotate=5`);
    await expect.poll(() => page.locator('body').getAttribute('data-mode')).toBe('tv');
    const first = await title.textContent();
    await expect.poll(() => title.textContent(), { timeout: 8000 }).not.toBe(first);
    const second = await title.textContent();
    expect([first, second].map((t) => (t!.includes('24 h') ? 'day' : 'hour')).sort()).toEqual([
      'day',
      'hour',
    ]);
    await page.keyboard.press('Escape');
    await page.locator('select[name=window]').selectOption('24h');
  });

  it('saves screenshots of both themes, and switches to TV mode from the keyboard', async () => {
    await page.locator('body').press('Escape');
    const theme = () => page.locator('html').getAttribute('data-theme');
    const first = await theme();
    await page.screenshot({ path: join(SCREENSHOTS, `wallboard-${first}.png`) });
    await page.keyboard.press('d');
    const second = await theme();
    expect(second).not.toBe(first);
    expect([first, second].sort()).toEqual(['dark', 'light']);
    await page.screenshot({ path: join(SCREENSHOTS, `wallboard-${second}.png`) });
    await page.keyboard.press('t');
    await expect.poll(() => page.locator('body').getAttribute('data-mode')).toBe('tv');
    await page.screenshot({ path: join(SCREENSHOTS, `wallboard-tv-${second}.png`) });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('body').getAttribute('data-mode')).toBe('laptop');
  });

  it('shows plainly when the gateway is lost, and clears it when it is back', async () => {
    const banner = page.locator('[data-connection]');
    gateway.child.kill('SIGKILL');
    await gateway.exited;
    await expect.poll(() => banner.getAttribute('data-connection')).toBe('lost');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toMatch(/lost/i);
    await page.screenshot({ path: join(SCREENSHOTS, 'wallboard-lost.png') });
    gateway = start('gateway');
    await waitForOutput(gateway, 'gateway listening', 30_000);
    await expect
      .poll(() => banner.getAttribute('data-connection'), { timeout: 15_000 })
      .toBe('live');
    // And the data flows again.
    const before = Number(await figure(page, 'volumeIn'));
    await produce([
      event('WB-AFTER', Date.now(), 'ticket.created', { ...EMAIL, priority: 'low', team: 'emea' }),
    ]);
    await expect.poll(() => figure(page, 'volumeIn'), { timeout: 5000 }).toBe(String(before + 1));
  });
});
