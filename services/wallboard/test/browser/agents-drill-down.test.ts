import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '@slawatch/test';
import { BrowserStack, SCREENSHOTS, type Page } from './browser-stack.js';

const MINUTE = 60_000;
const READER = 'agents-reader-0123456789';
const EMEA_ONLY = 'agents-emea-only-0123456789';
const ADMIN = 'agents-admin-0123456789';
const NOW = Date.now();
const TICKET_URL = 'https://help.example.com/tickets/';

/**
 * High priority: a first reply within 10 minutes, so the last hour holds met and breached
 * clocks. Normal: within 4 hours, at risk after 1 % of it (2.4 minutes), so the at-risk
 * tickets stay at risk, and nothing else happens to them, while the test runs.
 */
const POLICIES = `
policies:
  - id: fast
    match: { priority: [high] }
    targets: { firstResponse: 10m }
  - id: standard
    targets: { firstResponse: 4h }
    warnAt: [0.01]
alerting:
  ticketUrl: ${TICKET_URL}{ticketId}
`;

let n = 0;
const event = (subject: string, at: number, type: string, data: object) => ({
  specversion: '1.0',
  id: `agents-${++n}`,
  source: 'agents-test',
  type,
  subject,
  time: new Date(at).toISOString(),
  data,
});
const created = (id: string, at: number, team: string, priority: string, assigneeId?: string) =>
  event(id, at, 'ticket.created', {
    priority,
    team,
    channel: 'email',
    ...(assigneeId === undefined ? {} : { assigneeId }),
  });
const replied = (id: string, at: number) =>
  event(id, at, 'ticket.commented', { author: 'agent', public: true });
const status = (id: string, at: number, to: string) =>
  event(id, at, 'ticket.status_changed', { status: to });

/**
 * The last hour of two teams. emea: ana met E-1's first reply and solved it, answered E-2
 * five minutes late (a breach) and holds E-5 (at risk); bo holds E-3, unanswered past its
 * deadline (open and breached); E-4 is nobody's (at risk). us: cy met U-1's first reply
 * (pending now) and holds U-2 (at risk).
 */
const HISTORY = [
  created('E-1', NOW - 50 * MINUTE, 'emea', 'high', 'ana'),
  replied('E-1', NOW - 48 * MINUTE),
  status('E-1', NOW - 30 * MINUTE, 'solved'),
  created('E-2', NOW - 40 * MINUTE, 'emea', 'high', 'ana'),
  replied('E-2', NOW - 25 * MINUTE),
  status('E-2', NOW - 25 * MINUTE, 'open'),
  created('E-3', NOW - 30 * MINUTE, 'emea', 'high', 'bo'),
  created('E-4', NOW - 10 * MINUTE, 'emea', 'normal'),
  created('E-5', NOW - 15 * MINUTE, 'emea', 'normal', 'ana'),
  created('U-1', NOW - 45 * MINUTE, 'us', 'high', 'cy'),
  replied('U-1', NOW - 40 * MINUTE),
  status('U-1', NOW - 40 * MINUTE, 'pending'),
  created('U-2', NOW - 20 * MINUTE, 'us', 'normal', 'cy'),
];

/** The figures of GET /api/v1/agents, as far as the table shows them. */
interface Figures {
  now: { backlog: { total: number }; openBreached: number; atRisk: number };
  volume: { replies: number; solved: number };
  firstResponseTime: { p50: number | null; p90: number | null };
  attainment: Record<'overall' | 'firstResponse' | 'nextResponse' | 'resolution', number | null>;
  breaches: { total: number };
  fcrRate: number | null;
  csat: { share: number | null };
}
interface AgentsAnswer {
  from: string;
  team: string;
  teamValues: Figures;
  values: Record<string, Figures>;
}

/** Each column of the Agents table (its `data-column`), and where its figure is in the answer. */
const COLUMNS: Readonly<Record<string, (f: Figures) => number | null>> = {
  open: (f) => f.now.backlog.total,
  replies: (f) => f.volume.replies,
  solved: (f) => f.volume.solved,
  firstResponseP50: (f) => f.firstResponseTime.p50,
  firstResponseP90: (f) => f.firstResponseTime.p90,
  'attainment.firstResponse': (f) => f.attainment.firstResponse,
  'attainment.nextResponse': (f) => f.attainment.nextResponse,
  'attainment.resolution': (f) => f.attainment.resolution,
  'attainment.overall': (f) => f.attainment.overall,
  breaches: (f) => f.breaches.total,
  fcr: (f) => f.fcrRate,
  csat: (f) => f.csat.share,
};

describe('the Agents page and the drill-down in a real browser', () => {
  const stack = new BrowserStack({
    name: 'agents',
    policies: POLICIES,
    admin: ADMIN,
    tokens: [
      { name: 'lead', token: READER, scopes: ['read'] },
      { name: 'emea-wall', token: EMEA_ONLY, scopes: ['read'], teams: ['emea'] },
    ],
    // The alerter breaches E-3 at its deadline: no event of E-3 comes after it.
    services: ['tracker', 'alerter'],
  });
  const { api } = stack;
  let page: Page;
  const ids = (list: readonly { ticketId: string }[]) => list.map((t) => t.ticketId);

  beforeAll(async () => {
    await stack.start(HISTORY);
    const folded = async () => {
      for (;;) {
        const all = (
          await api<{ values: Record<string, Figures & { volume: { created: number } }> }>(
            'metrics?window=1h',
          )
        ).values['*'];
        if (
          all?.volume.created === 7 &&
          all.breaches.total === 2 &&
          all.now.openBreached === 1 &&
          all.now.atRisk === 3
        )
          return;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await withTimeout(folded(), 30_000, 'the tracker and alerter to fold the history');
    page = await stack.openPage({ width: 1600, height: 900 });
  });

  afterAll(() => stack.stop());

  const dialog = (p: Page) => p.locator('dialog[open]');
  const dialogTickets = async (p: Page) => {
    const table = dialog(p).locator('table.drill-table');
    await dialog(p).locator('table.drill-table:not([aria-busy="true"])').waitFor();
    return Promise.all(
      (await table.locator('tbody tr[data-ticket]').all()).map((r) =>
        r.getAttribute('data-ticket'),
      ),
    );
  };
  const tileButton = (p: Page, metric: string) =>
    p.locator(`section.tile[data-metric="${metric}"] button.tile-open`);
  const windowFrom = async (token = ADMIN) =>
    (await api<{ from: string }>('metrics?window=1h', token)).from;

  it("opens the board's open breached tile to exactly the tickets the gateway lists, each linked", async () => {
    await page.goto(`${stack.base}/#token=${READER}`);
    await page.locator('section.tile[data-metric="volumeIn"]').waitFor();
    expect(await page.locator('select[name=window]').inputValue()).toBe('1h');
    await tileButton(page, 'openBreached').click();
    await dialog(page).waitFor();
    expect(await dialog(page).locator('h2').textContent()).toBe('Open breached now — All teams');

    const { tickets } = await api<{ tickets: { ticketId: string }[] }>(
      'open-tickets?breached=true',
      READER,
    );
    expect(ids(tickets)).toEqual(['E-3']);
    expect(await dialogTickets(page)).toEqual(ids(tickets));
    const row = dialog(page).locator('tr[data-ticket="E-3"]');
    expect(await row.locator('a').getAttribute('href')).toBe(`${TICKET_URL}E-3`);
    expect(await row.locator('[data-field=team]').textContent()).toBe('emea');
    expect(await row.locator('[data-field=assignee]').textContent()).toBe('bo');
    expect(await row.locator('[data-field=when]').textContent()).toMatch(/ago$/);
    expect(await dialog(page).locator('[data-caption]').textContent()).toMatch(
      /^1 ticket, oldest first\. Read at \d\d:\d\d:\d\d\.$/,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'drill-down-open-breached.png') });

    // Escape closes it, and focus goes back to the tile that opened it.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
    expect(
      await page.locator('section.tile[data-metric="openBreached"] button.tile-open:focus').count(),
    ).toBe(1);
    // The board's own Escape (leave TV mode) did not run, nor anything else.
    expect(await page.locator('body').getAttribute('data-mode')).toBe('laptop');
  });

  it('opens the backlog by status from the keyboard, and narrows it to a status', async () => {
    await tileButton(page, 'backlog').focus();
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    const all = await api<{ tickets: { ticketId: string }[] }>('open-tickets', READER);
    expect(ids(all.tickets).sort()).toEqual(['E-2', 'E-3', 'E-4', 'E-5', 'U-1', 'U-2']);
    expect(await dialogTickets(page)).toEqual(ids(all.tickets));
    expect(
      await dialog(page).locator('tr[data-ticket="E-2"] [data-field=state]').textContent(),
    ).toBe('open');

    await dialog(page).locator('select[name=status]').selectOption('pending');
    await expect.poll(() => dialogTickets(page)).toEqual(['U-1']);
    expect(await dialog(page).locator('h2').textContent()).toBe(
      'Backlog now · pending — All teams',
    );
    // Space on a small count opens its own status. The dialog gone, not only closed: its
    // removal gives focus back to the tile, which under load came after the focus below.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog').count()).toBe(0);
    const pendingDetail = page
      .locator('section.tile[data-metric="backlog"] button.tile-open-detail')
      .filter({ hasText: 'pending' });
    await pendingDetail.focus();
    await page.keyboard.press('Space');
    await dialog(page).waitFor();
    expect(await dialog(page).locator('select[name=status]').inputValue()).toBe('pending');
    expect(await dialogTickets(page)).toEqual(['U-1']);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
  });

  it("lists the window's breaches and the finished clocks of a kind, met or breached", async () => {
    const from = await windowFrom(READER);
    await tileButton(page, 'breaches').click();
    const breaches = await api<{ breaches: { ticketId: string; clock: string }[] }>(
      `breaches?since=${encodeURIComponent(from)}`,
      READER,
    );
    expect(ids(breaches.breaches).sort()).toEqual(['E-2', 'E-3']);
    expect(await dialogTickets(page)).toEqual(ids(breaches.breaches));
    expect(await dialog(page).locator('[data-caption]').textContent()).toMatch(
      /^2 clocks, newest first\. Since \d\d:\d\d, the window's start\./,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'drill-down-breaches.png') });
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog(page).count()).toBe(0);

    await tileButton(page, 'attainment.firstResponse').click();
    const outcomes = await api<{ outcomes: { ticketId: string; outcome: string }[] }>(
      `outcomes?clock=firstResponse&since=${encodeURIComponent(from)}`,
      READER,
    );
    const listed = outcomes.outcomes.map((o) => `${o.ticketId} ${o.outcome}`);
    expect(listed.filter((o) => o.endsWith(' met')).sort()).toEqual(['E-1 met', 'U-1 met']);
    await expect.poll(() => dialogTickets(page)).toEqual(ids(outcomes.outcomes));
    const states = await Promise.all(
      (await dialog(page).locator('tbody tr[data-ticket]').all()).map(
        async (r) => `${await r.getAttribute('data-ticket')} ${await r.getAttribute('data-state')}`,
      ),
    );
    expect(states).toEqual(listed);
    await dialog(page).locator('select[name=outcome]').selectOption('met');
    await expect.poll(async () => (await dialogTickets(page)).sort()).toEqual(['E-1', 'U-1']);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
  });

  it("applies the board's scope to the lists", async () => {
    await page.locator('select[name=scope]').selectOption('team:us');
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/us/);
    await tileButton(page, 'atRisk').click();
    const atRisk = await api<{ clocks: { ticketId: string }[] }>('at-risk?team=us', READER);
    expect(ids(atRisk.clocks)).toEqual(['U-2']);
    expect(await dialogTickets(page)).toEqual(['U-2']);
    expect(await dialog(page).locator('h2').textContent()).toBe('At risk now — Team us');
    expect(await dialog(page).locator('[data-field=when]').textContent()).toMatch(/^in \d/);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
    await page.locator('select[name=scope]').selectOption('all');
  });

  it('keeps the tiles non-interactive in TV mode', async () => {
    await page.locator('h1').click();
    await page.keyboard.press('t');
    await expect.poll(() => page.locator('body').getAttribute('data-mode')).toBe('tv');
    expect(await page.locator('section.tile button').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('body').getAttribute('data-mode')).toBe('laptop');
    expect(await tileButton(page, 'backlog').count()).toBe(1);
  });

  const agentsTable = (p: Page) => p.locator('table.agents-table');
  const agentRows = async (p: Page) =>
    Promise.all(
      (await agentsTable(p).locator('tbody tr[data-agent]').all()).map((r) =>
        r.getAttribute('data-agent'),
      ),
    );
  const cell = (p: Page, agent: string, column: string) =>
    agentsTable(p).locator(`tr[data-agent="${agent}"] td[data-column="${column}"]`);

  it("shows the team's row first, then its agents, with the figures of GET /api/v1/agents", async () => {
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Agents' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Agents' }).waitFor();
    expect(await page.title()).toBe('Agents · slawatch');
    expect(await page.locator('select[name=window]').inputValue()).toBe('1h');
    await page.locator('select[name=team]').selectOption('emea');
    expect(new URL(page.url()).searchParams.get('team')).toBe('emea');
    await expect.poll(() => agentRows(page), { timeout: 10_000 }).toEqual(['*', 'ana', 'bo', '-']);
    expect(await agentsTable(page).locator('tr[data-all] th').textContent()).toBe('Team emea');
    expect(await agentsTable(page).locator('tr[data-agent="-"] th').textContent()).toBe(
      'Unassigned',
    );

    const answer = await api<AgentsAnswer>('agents?team=emea&window=1h', READER);
    expect(Object.keys(answer.values).sort()).toEqual(['-', 'ana', 'bo']);
    expect(answer.values.ana!.now.backlog.total).toBe(2);
    expect(answer.values.bo!.breaches.total).toBe(1);
    for (const [agent, figures] of [
      ['*', answer.teamValues] as const,
      ...Object.entries(answer.values),
    ])
      for (const [column, read] of Object.entries(COLUMNS)) {
        const expected = read(figures);
        expect(
          await cell(page, agent, column).getAttribute('data-figure'),
          `${agent} ${column}`,
        ).toBe(expected === null ? '' : String(expected));
      }
    expect(await cell(page, 'ana', 'attainment.firstResponse').textContent()).toBe('50.0 %');
    expect(await cell(page, '-', 'firstResponseP90').textContent()).toBe('—');
    await page.screenshot({ path: join(SCREENSHOTS, 'agents-page.png'), fullPage: true });
  });

  it('sorts by any column either way, the team first and ties by name', async () => {
    const header = (column: string) => agentsTable(page).locator(`th[data-column="${column}"]`);
    expect(await header('name').getAttribute('aria-sort')).toBe('ascending');
    await header('open').getByRole('button').click();
    expect(await header('open').getAttribute('aria-sort')).toBe('ascending');
    expect(await agentRows(page)).toEqual(['*', 'bo', '-', 'ana']);
    await header('open').getByRole('button').click();
    expect(await header('open').getAttribute('aria-sort')).toBe('descending');
    expect(await agentRows(page)).toEqual(['*', 'ana', 'bo', '-']);
    await header('breaches').getByRole('button').click();
    expect(await agentRows(page)).toEqual(['*', '-', 'ana', 'bo']);
    await header('name').getByRole('button').click();
    expect(await agentRows(page)).toEqual(['*', 'ana', 'bo', '-']);
  });

  it("opens an agent's open tickets and breaches to that agent's tickets of the team", async () => {
    await cell(page, 'ana', 'open').getByRole('button').click();
    await dialog(page).waitFor();
    expect(await dialog(page).locator('h2').textContent()).toBe('Backlog now — ana · Team emea');
    const open = await api<{ tickets: { ticketId: string }[] }>(
      'open-tickets?team=emea&assignee=ana',
      READER,
    );
    expect(ids(open.tickets).sort()).toEqual(['E-2', 'E-5']);
    expect(await dialogTickets(page)).toEqual(ids(open.tickets));
    expect(await dialog(page).locator('tr[data-ticket="E-5"] a').getAttribute('href')).toBe(
      `${TICKET_URL}E-5`,
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);

    await cell(page, 'bo', 'breaches').getByRole('button').click();
    const { from } = await api<AgentsAnswer>('agents?team=emea&window=1h', READER);
    const breaches = await api<{ breaches: { ticketId: string }[] }>(
      `breaches?team=emea&assignee=bo&since=${encodeURIComponent(from)}`,
      READER,
    );
    expect(ids(breaches.breaches)).toEqual(['E-3']);
    expect(await dialogTickets(page)).toEqual(['E-3']);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
  });

  it('downloads the table as the CSV of GET /api/v1/agents', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('slawatch-agents-emea-1h.csv');
    const text = readFileSync(await download.path(), 'utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^at,window,from,team,agent,/);
    // The team's row first (agent `*`), then its agents.
    const agents = lines.slice(1).map((l) => l.split(',')[4]);
    expect(agents[0]).toBe('*');
    expect(agents.slice(1).sort()).toEqual(['-', 'ana', 'bo']);
  });

  it("links a team's row of the Teams page to its agents", async () => {
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Teams' })
      .click();
    const link = page.locator('table.teams-table tr[data-value="us"] th a');
    await link.waitFor({ timeout: 10_000 });
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Agents' }).waitFor();
    expect(new URL(page.url()).searchParams.get('team')).toBe('us');
    await expect.poll(() => agentRows(page), { timeout: 10_000 }).toEqual(['*', 'cy']);
    expect(await page.locator('select[name=team]').inputValue()).toBe('us');
  });

  it('offers a token limited to teams its teams only, whatever the address asks', async () => {
    const context = await stack.browser.newContext();
    const wall = await context.newPage();
    await wall.goto(`${stack.base}/?page=agents&team=us#token=${EMEA_ONLY}`);
    await wall.getByRole('heading', { level: 1, name: 'Agents' }).waitFor();
    const options = wall.locator('select[name=team] option');
    expect(await options.allTextContents()).toEqual(['emea']);
    await expect.poll(() => agentRows(wall), { timeout: 10_000 }).toEqual(['*', 'ana', 'bo', '-']);
    expect(new URL(wall.url()).searchParams.get('team')).toBe('emea');
    const answer = await api<AgentsAnswer>('agents?team=emea&window=1h', EMEA_ONLY);
    expect(await cell(wall, 'ana', 'open').getAttribute('data-figure')).toBe(
      String(answer.values.ana!.now.backlog.total),
    );
    expect(await wall.locator('main .hint').first().textContent()).toContain(
      'Only your teams (emea)',
    );
    expect(await wall.locator('[data-refresh="failed"]').count()).toBe(0);
    await context.close();
  });
});
