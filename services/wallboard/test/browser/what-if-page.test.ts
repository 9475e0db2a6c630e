import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserStack, SCREENSHOTS, type Page } from './browser-stack.js';

const MINUTE = 60_000;
const ADMIN = 'what-if-admin-0123456789';
const READER = 'what-if-reader-0123456789';
const NOW = Date.now();

/** In force: a first reply within 10 minutes, and where the helpdesk shows a ticket. */
const IN_FORCE = `
policies:
  - id: tight
    targets: { firstResponse: 10m }
alerting:
  ticketUrl: https://help.example.com/tickets/{ticketId}
`;
/** The candidate: an hour. */
const CANDIDATE = `policies:
  - id: relaxed
    targets: { firstResponse: 1h }
`;
/** Three mistakes, each at its own path. */
const INVALID = `policies:
  - id: relaxed
    calendar: nowhere
    targets: { firstResponse: soon }
  - match: { priority: [urgent] }
`;

let n = 0;
const event = (subject: string, at: number, type: string, data: object) => ({
  specversion: '1.0',
  id: `what-if-${++n}`,
  source: 'what-if-test',
  type,
  subject,
  time: new Date(at).toISOString(),
  data,
});
const created = (id: string, at: number, team: string, priority: string) =>
  event(id, at, 'ticket.created', { priority, team, channel: 'email' });
const replied = (id: string, at: number) =>
  event(id, at, 'ticket.commented', { author: 'agent', public: true });

describe('the What if… page in a real browser', () => {
  const stack = new BrowserStack({
    name: 'what-if',
    policies: IN_FORCE,
    admin: ADMIN,
    tokens: [{ name: 'viewer', token: READER, scopes: ['read'] }],
    services: [],
  });
  let page: Page;

  beforeAll(async () => {
    // History on the events topic: under the 10-minute target WI-SLOW (answered in 30
    // minutes) and WI-OPEN (not answered for 20) breach; under the hour neither does.
    await stack.start([
      created('WI-SLOW', NOW - 180 * MINUTE, 'emea', 'high'),
      replied('WI-SLOW', NOW - 150 * MINUTE),
      created('WI-FAST', NOW - 120 * MINUTE, 'us', 'normal'),
      replied('WI-FAST', NOW - 115 * MINUTE),
      created('WI-OPEN', NOW - 20 * MINUTE, 'emea', 'low'),
    ]);
    page = await stack.openPage({ width: 1600, height: 1000 });
  });

  afterAll(() => stack.stop());

  const editor = (p: Page) => p.getByLabel('YAML or JSON, the whole document');
  const validation = (p: Page) => p.locator('[data-validation]');

  it('is reached from the board, and names every problem of a document by its path', async () => {
    await page.goto(`${stack.base}/#token=${ADMIN}`);
    await page.locator('section.tile[data-metric="volumeIn"]').waitFor();
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'What if…' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'What if…' }).waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBe('what-if');

    await editor(page).fill(INVALID);
    await page.getByRole('button', { name: 'Validate' }).click();
    await expect.poll(() => validation(page).getAttribute('data-validation')).toBe('invalid');
    const problems = validation(page).getByRole('list', { name: 'Problems' }).locator('li');
    expect(await problems.locator('code').allTextContents()).toEqual([
      'policies[0].calendar',
      'policies[0].targets.firstResponse',
      'policies[1].id',
    ]);
    expect(await problems.nth(1).textContent()).toMatch(/must be a duration, got "soon"/);
    await page.screenshot({ path: join(SCREENSHOTS, 'what-if-problems.png') });

    await editor(page).fill(CANDIDATE);
    // An edit drops the verdict on the text before it.
    expect(await validation(page).getAttribute('data-validation')).toBe('idle');
    await page.getByRole('button', { name: 'Validate' }).click();
    await expect
      .poll(() => validation(page).textContent())
      .toMatch(/Valid: \d+ calendars?, 1 policy\./);
  });

  it('runs a backtest over the events topic and shows the comparison, with the tickets that change', async () => {
    await page.getByLabel('Span (90m, 12h, 7d)').fill('1d');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    // The job is running from its first answer on: the progress and the way to stop it.
    const progress = page.locator('[data-run="running"]');
    await progress.waitFor();
    expect(await progress.getByRole('status').textContent()).toMatch(/Reading the ticket history/);
    expect(await progress.locator('progress').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Cancel' }).isEnabled()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'what-if-running.png') });
    expect(
      await page.getByRole('button', { name: 'Run backtest' }).getAttribute('aria-disabled'),
    ).toBe('true');

    const report = page.locator('section[data-report]');
    await report.waitFor({ timeout: 30_000 });
    expect(await progress.count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'what-if-report.png'), fullPage: true });

    // Overall: 1 met and 2 breached before (33.3 %), 2 met after (100 %).
    const overall = report.locator('.overall');
    expect(await overall.locator('[data-side="before"]').textContent()).toBe('33.3 %');
    expect(await overall.locator('[data-side="after"]').textContent()).toBe('100 %');
    expect(await overall.getAttribute('data-change')).toBe('better');
    expect(await overall.locator('.change').textContent()).toContain('+66.7 pt');

    const row = report.locator(
      'table[data-breakdown="team"] tr[data-value="emea"][data-clock="firstResponse"]',
    );
    expect(await row.locator('td').allTextContents()).toEqual([
      'First reply',
      '0',
      '1',
      '2',
      '0',
      '0.0 %',
      '100 %',
      expect.stringContaining('+100.0 pt'),
    ]);
    expect(await row.getAttribute('data-change')).toBe('better');
    expect(
      await report.locator('table[data-breakdown="policy"] tbody th').allTextContents(),
    ).toEqual(['relaxed', 'tight']);

    const changed = report.locator('table[data-changed] tbody tr');
    const ids = await Promise.all((await changed.all()).map((r) => r.getAttribute('data-ticket')));
    expect(ids).toEqual(['WI-OPEN', 'WI-SLOW']);
    const slow = report.locator('table[data-changed] tr[data-ticket="WI-SLOW"]');
    expect(await slow.getByRole('link').getAttribute('href')).toBe(
      'https://help.example.com/tickets/WI-SLOW',
    );
    expect(await slow.locator('td').allTextContents()).toEqual([
      'emea',
      'high',
      'tight → relaxed',
      expect.stringMatching(/First reply: breached → met/),
    ]);
    expect(await slow.locator('[data-change]').getAttribute('data-change')).toBe('better');
    expect(
      await report.getByRole('heading', { name: /Tickets whose outcome changes: 2/ }).count(),
    ).toBe(1);
    // `d` switches the theme here as on the board (focus is on no field).
    const theme = () => page.locator('html').getAttribute('data-theme');
    const first = await theme();
    await page.keyboard.press('d');
    expect(await theme()).not.toBe(first);
    await page.screenshot({
      path: join(SCREENSHOTS, `what-if-report-${await theme()}.png`),
      fullPage: true,
    });
    await page.keyboard.press('d');
  });

  it('shows why a backtest is refused, each problem by its path', async () => {
    await page.getByLabel('Span (90m, 12h, 7d)').fill('a while');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const failed = page.locator('[data-run="failed"]');
    await failed.waitFor();
    expect(await failed.getAttribute('role')).toBe('alert');
    expect(await failed.locator('code.problem-path').allTextContents()).toEqual(['from']);
    expect(await failed.textContent()).toContain('SLW_REQUEST_INVALID');
  });

  it('runs a period report, shows its page in a frame, and offers it as CSV', async () => {
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Reports' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBe('reports');
    // The test's tickets are from the last three hours.
    await page.getByLabel('Last 7 days').check();
    await page.getByLabel('Rows by').selectOption('team');
    await page.getByRole('button', { name: 'Run report' }).click();

    const view = page.locator('section[data-report-job]');
    await view.waitFor({ timeout: 30_000 });
    expect(await view.getAttribute('data-report-job')).toMatch(/^rp_/);
    const frame = page.locator('iframe.report-frame');
    // Nothing of the report may run: no allow-scripts.
    expect(await frame.getAttribute('sandbox')).toBe('allow-same-origin allow-modals');
    const title = page.frameLocator('iframe.report-frame').getByRole('heading', { level: 1 });
    await expect
      .poll(() => title.textContent())
      .toMatch(/^SLA report \d{4}-\d{2}-\d{2} – .* by team$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'reports-page.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^slawatch-report-rp_[\w-]+\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('emea');
  });

  it('lets a read-only token see the Reports page, but not run a report', async () => {
    const context = await stack.browser.newContext();
    const viewer = await context.newPage();
    await viewer.goto(`${stack.base}/?page=reports#token=${READER}`);
    await viewer.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Run report' }).isDisabled()).toBe(true);
    expect(await viewer.locator('#run-needs-report').textContent()).toMatch(
      /report or admin scope/,
    );
    await context.close();
  });

  it('lets a read-only token upload and validate, but not run', async () => {
    const context = await stack.browser.newContext();
    const viewer = await context.newPage();
    // Straight to the page: the address names it.
    await viewer.goto(`${stack.base}/?page=what-if#token=${READER}`);
    await viewer.getByRole('heading', { level: 1, name: 'What if…' }).waitFor();
    const run = viewer.getByRole('button', { name: 'Run backtest' });
    expect(await run.isDisabled()).toBe(true);
    expect(await viewer.locator('#run-needs-admin').textContent()).toMatch(/admin scope/);

    await viewer.getByLabel('Upload a file').setInputFiles({
      name: 'candidate.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({ policies: [{ id: 'relaxed', targets: { firstResponse: '1h' } }] }),
      ),
    });
    await expect.poll(() => editor(viewer).inputValue()).toContain('"relaxed"');
    expect(await viewer.locator('#candidate-hint').textContent()).toContain('candidate.json');
    await viewer.getByRole('button', { name: 'Validate' }).click();
    await expect.poll(() => validation(viewer).getAttribute('data-validation')).toBe('valid');
    await context.close();
  });
});
