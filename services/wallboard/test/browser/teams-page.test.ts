import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '@slawatch/test';
import { BrowserStack, SCREENSHOTS, type Page } from './browser-stack.js';

const MINUTE = 60_000;
const READER = 'teams-reader-0123456789';
const EMEA_ONLY = 'teams-emea-only-0123456789';
const ADMIN = 'teams-admin-0123456789';
const NOW = Date.now();

/** A first reply within 10 minutes; the default windows (15m, 1h, 24h, 7d). */
const POLICIES = `
policies:
  - id: standard
    targets: { firstResponse: 10m }
`;

let n = 0;
const event = (subject: string, at: number, type: string, data: object) => ({
  specversion: '1.0',
  id: `teams-${++n}`,
  source: 'teams-test',
  type,
  subject,
  time: new Date(at).toISOString(),
  data,
});
const created = (id: string, at: number, team: string, queue?: string) =>
  event(id, at, 'ticket.created', {
    priority: 'normal',
    team,
    channel: 'email',
    ...(queue === undefined ? {} : { queue }),
  });
const replied = (id: string, at: number) =>
  event(id, at, 'ticket.commented', { author: 'agent', public: true });
const solved = (id: string, at: number) =>
  event(id, at, 'ticket.status_changed', { status: 'solved' });

/**
 * The last hour of three teams. emea answers its three tickets within the 10 minutes and
 * solves one; us answers one of two 20 minutes late (a breach); apac's only ticket is 3
 * minutes old and unanswered, so it has no attainment and no reply times. By queue: billing
 * (E-1, E-2), tech (E-3, U-1, U-2), and A-1 in none.
 */
const HISTORY = [
  created('E-1', NOW - 50 * MINUTE, 'emea', 'billing'),
  replied('E-1', NOW - 48 * MINUTE),
  solved('E-1', NOW - 30 * MINUTE),
  created('E-2', NOW - 40 * MINUTE, 'emea', 'billing'),
  replied('E-2', NOW - 37 * MINUTE),
  created('E-3', NOW - 20 * MINUTE, 'emea', 'tech'),
  replied('E-3', NOW - 18 * MINUTE),
  created('U-1', NOW - 50 * MINUTE, 'us', 'tech'),
  replied('U-1', NOW - 30 * MINUTE),
  created('U-2', NOW - 25 * MINUTE, 'us', 'tech'),
  replied('U-2', NOW - 22 * MINUTE),
  created('A-1', NOW - 3 * MINUTE, 'apac'),
];

/** The figures of GET /api/v1/metrics, as far as this test reads them. */
interface Figures {
  firstResponseTime: { p50: number | null; p90: number | null };
  resolutionTime: { p90: number | null };
  attainment: Record<'overall' | 'firstResponse' | 'nextResponse' | 'resolution', number | null>;
  breaches: { total: number };
  volume: { created: number; solved: number };
  fcrRate: number | null;
  csat: { share: number | null };
  nps: { score: number | null };
  qualityScore: number | null;
  now: { backlog: { total: number }; atRisk: number; openBreached: number };
}

/** Each column of the table (its `data-column`), and where its figure is in the answer. */
const COLUMNS: Readonly<Record<string, (f: Figures) => number | null>> = {
  'attainment.overall': (f) => f.attainment.overall,
  'attainment.firstResponse': (f) => f.attainment.firstResponse,
  'attainment.nextResponse': (f) => f.attainment.nextResponse,
  'attainment.resolution': (f) => f.attainment.resolution,
  breaches: (f) => f.breaches.total,
  volumeIn: (f) => f.volume.created,
  volumeOut: (f) => f.volume.solved,
  firstResponseP50: (f) => f.firstResponseTime.p50,
  firstResponseP90: (f) => f.firstResponseTime.p90,
  resolutionP90: (f) => f.resolutionTime.p90,
  fcr: (f) => f.fcrRate,
  csat: (f) => f.csat.share,
  nps: (f) => f.nps.score,
  quality: (f) => f.qualityScore,
  backlog: (f) => f.now.backlog.total,
  atRisk: (f) => f.now.atRisk,
  openBreached: (f) => f.now.openBreached,
};

describe('the Teams page in a real browser', () => {
  const stack = new BrowserStack({
    name: 'teams',
    policies: POLICIES,
    admin: ADMIN,
    tokens: [
      { name: 'supervisor', token: READER, scopes: ['read'] },
      { name: 'emea-wall', token: EMEA_ONLY, scopes: ['read'], teams: ['emea'] },
    ],
    services: ['tracker'],
  });
  const { api, produce } = stack;
  let page: Page;

  const metrics = async (dimension: string) =>
    (await api<{ values: Record<string, Figures> }>(`metrics?window=1h&dimension=${dimension}`))
      .values;

  beforeAll(async () => {
    await stack.start(HISTORY);
    const folded = async () => {
      for (;;) {
        const all = (await metrics('all'))['*'];
        if (all?.volume.created === 6 && all.volume.solved === 1) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await withTimeout(folded(), 20_000, 'the tracker to fold the history');
    page = await stack.openPage({ width: 1600, height: 900 });
  });

  afterAll(() => stack.stop());

  const table = (p: Page) => p.locator('table.teams-table');
  const rowValues = async (p: Page) =>
    Promise.all(
      (await table(p).locator('tbody tr[data-value]').all()).map((r) =>
        r.getAttribute('data-value'),
      ),
    );
  const cell = (p: Page, value: string, column: string) =>
    table(p).locator(`tr[data-value="${value}"] td[data-column="${column}"]`);

  it('is reached from the board, with a row per team holding the figures of GET /api/v1/metrics', async () => {
    await page.goto(`${stack.base}/#token=${READER}`);
    await page.locator('section.tile[data-metric="volumeIn"]').waitFor();
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Teams' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBe('teams');
    expect(await page.title()).toBe('Teams · slawatch');

    // The all row first, then the teams by name.
    await expect
      .poll(() => rowValues(page), { timeout: 10_000 })
      .toEqual(['*', 'apac', 'emea', 'us']);
    expect(await table(page).getAttribute('aria-label')).toBe('Teams side by side');
    expect(await table(page).locator('tr[data-all] th').textContent()).toBe('All teams');
    expect(await page.locator('select[name=window]').inputValue()).toBe('1h');
    expect(await page.locator('[data-updated]').textContent()).toMatch(
      /^updated \d\d:\d\d:\d\d · counting from \d\d:\d\d · refreshed every 30 s$/,
    );

    // The premises, as the gateway says them: then every cell says the same.
    const byTeam = await metrics('team');
    const all = (await metrics('all'))['*']!;
    expect(Object.keys(byTeam).sort()).toEqual(['apac', 'emea', 'us']);
    expect(byTeam.us!.breaches.total).toBe(1);
    expect(byTeam.apac!.attainment.overall).toBeNull();
    for (const [value, figures] of [...Object.entries(byTeam), ['*', all] as const])
      for (const [column, read] of Object.entries(COLUMNS)) {
        const expected = read(figures);
        expect(
          await cell(page, value, column).getAttribute('data-figure'),
          `${value} ${column}`,
        ).toBe(expected === null ? '' : String(expected));
      }
    // And in words.
    expect(await cell(page, 'emea', 'attainment.overall').textContent()).toBe('100 %');
    expect(await cell(page, 'us', 'attainment.overall').textContent()).toBe('50.0 %');
    expect(await cell(page, 'apac', 'attainment.overall').textContent()).toBe('—');
    expect(await cell(page, 'apac', 'firstResponseP90').textContent()).toBe('—');
    expect(await cell(page, 'us', 'breaches').textContent()).toBe('1');
    expect(await cell(page, '*', 'volumeIn').textContent()).toBe('6');
    expect(await cell(page, 'emea', 'backlog').textContent()).toBe('2');
    await page.screenshot({ path: join(SCREENSHOTS, 'teams-page.png'), fullPage: true });
  });

  it("draws each row's trend line over the window, of the figure chosen", async () => {
    const line = (value: string) =>
      table(page).locator(`tr[data-value="${value}"] svg[data-sparkline]`);
    // emea met every first reply it gave, in whichever slice.
    expect(await line('emea').getAttribute('aria-label')).toBe(
      'emea, Overall SLA trend: 100 % to 100 %',
    );
    expect(await line('emea').locator('polyline').count()).toBeGreaterThan(0);
    expect(await line('*').locator('polyline').count()).toBeGreaterThan(0);
    // apac finished no clock: a rate it does not have is not drawn.
    expect(await line('apac').locator('polyline').count()).toBe(0);
    expect(await line('apac').getAttribute('aria-label')).toBe(
      'apac, Overall SLA trend: no data yet',
    );

    await page.locator('select[name=trend]').selectOption('volumeIn');
    expect(await table(page).locator('thead th.row-trend').textContent()).toBe('Trend: Created');
    // A count is drawn through its empty slices: apac has a line now.
    expect(await line('apac').locator('polyline').count()).toBe(1);
    expect(await line('apac').getAttribute('aria-label')).toMatch(/^apac, Created trend: 0 to /);
    await page.locator('select[name=trend]').selectOption('attainment.overall');
  });

  it('sorts by any column, either way, the all row first and rows without the figure last', async () => {
    const header = (column: string) => table(page).locator(`th[data-column="${column}"]`);
    expect(await header('name').getAttribute('aria-sort')).toBe('ascending');

    await header('breaches').getByRole('button').click();
    expect(await header('breaches').getAttribute('aria-sort')).toBe('ascending');
    expect(await header('name').getAttribute('aria-sort')).toBeNull();
    // Ties (apac and emea, none each) by name.
    expect(await rowValues(page)).toEqual(['*', 'apac', 'emea', 'us']);
    await header('breaches').getByRole('button').click();
    expect(await header('breaches').getAttribute('aria-sort')).toBe('descending');
    expect(await rowValues(page)).toEqual(['*', 'us', 'apac', 'emea']);

    // apac finished no clock, so it has no attainment: last, whichever way.
    await header('attainment.overall').getByRole('button').click();
    expect(await rowValues(page)).toEqual(['*', 'us', 'emea', 'apac']);
    await header('attainment.overall').getByRole('button').click();
    expect(await rowValues(page)).toEqual(['*', 'emea', 'us', 'apac']);
    await page.screenshot({ path: join(SCREENSHOTS, 'teams-page-sorted.png'), fullPage: true });

    await header('name').getByRole('button').click();
    expect(await rowValues(page)).toEqual(['*', 'apac', 'emea', 'us']);
  });

  it('shows a row per queue when asked, with the tickets in none last', async () => {
    await page.locator('select[name=dimension]').selectOption('queue');
    await expect
      .poll(() => rowValues(page), { timeout: 10_000 })
      .toEqual(['*', 'billing', 'tech', '-']);
    expect(await table(page).getAttribute('aria-label')).toBe('Queues side by side');
    expect(await table(page).locator('tr[data-all] th').textContent()).toBe('All queues');
    expect(await table(page).locator('tr[data-value="-"] th').textContent()).toBe('No queue');
    const byQueue = await metrics('queue');
    for (const [value, figures] of Object.entries(byQueue))
      for (const column of ['attainment.overall', 'breaches', 'volumeIn', 'backlog'])
        expect(await cell(page, value, column).getAttribute('data-figure')).toBe(
          String(COLUMNS[column]!(figures) ?? ''),
        );
    expect(await cell(page, 'tech', 'volumeIn').textContent()).toBe('3');
    // `d` switches the theme here as everywhere (focus is on no field once clicked away).
    await page.locator('h1').click();
    const theme = () => page.locator('html').getAttribute('data-theme');
    const first = await theme();
    await page.keyboard.press('d');
    expect(await theme()).not.toBe(first);
    await page.screenshot({
      path: join(SCREENSHOTS, `teams-page-queues-${await theme()}.png`),
      fullPage: true,
    });
    await page.keyboard.press('d');
  });

  it('refreshes by itself every 30 s: a new team shows without a reload', async () => {
    await page.locator('select[name=dimension]').selectOption('team');
    await expect
      .poll(() => rowValues(page), { timeout: 10_000 })
      .toEqual(['*', 'apac', 'emea', 'us']);
    const updated = await page.locator('[data-updated] time').first().textContent();
    await produce([created('L-1', Date.now() - MINUTE, 'latam')]);
    await expect
      .poll(() => rowValues(page), { timeout: 45_000, interval: 1000 })
      .toEqual(['*', 'apac', 'emea', 'latam', 'us']);
    expect(await page.locator('[data-updated] time').first().textContent()).not.toBe(updated);
    expect(await cell(page, '*', 'volumeIn').textContent()).toBe('7');
  }, 60_000);

  it('offers a token limited to teams its teams only, by team, without the all row', async () => {
    const context = await stack.browser.newContext();
    const wall = await context.newPage();
    await wall.goto(`${stack.base}/?page=teams#token=${EMEA_ONLY}`);
    await wall.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
    const options = wall.locator('select[name=dimension] option');
    const offered = await Promise.all((await options.all()).map((o) => o.getAttribute('value')));
    expect(offered).toEqual(['team']);
    await expect.poll(() => rowValues(wall), { timeout: 10_000 }).toEqual(['emea']);
    expect(await wall.locator('main .hint').first().textContent()).toContain(
      'Only your teams (emea)',
    );
    // What the gateway answers this token, the page shows.
    const emea = (
      await api<{ values: Record<string, Figures> }>('metrics?window=1h&dimension=team', EMEA_ONLY)
    ).values.emea!;
    expect(await cell(wall, 'emea', 'volumeIn').getAttribute('data-figure')).toBe(
      String(emea.volume.created),
    );
    expect(await wall.locator('[data-refresh="failed"]').count()).toBe(0);
    await wall.screenshot({ path: join(SCREENSHOTS, 'teams-page-team-limited.png') });
    await context.close();
  });
});
