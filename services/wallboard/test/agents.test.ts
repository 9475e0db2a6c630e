import { describe, expect, it } from 'vitest';
import {
  agentsCsvName,
  agentsPath,
  parseAgentsAnswer,
  type AgentsAnswer,
  type AgentsApi,
} from '../src/api/agents-api';
import { ApiError } from '../src/api/api-client';
import type { Session } from '../src/api/session';
import { AGENT_COLUMNS } from '../src/agents/agent-columns';
import {
  agentDrillRequest,
  AGENTS_BY_NAME,
  buildAgentRows,
  mayDrill,
  sortAgentRows,
} from '../src/agents/agent-rows';
import { agentTeams } from '../src/agents/agent-teams';
import { AgentsStore } from '../src/state/agents-store';
import { REFRESH_MS } from '../src/state/polled-view';
import { pageFromSearch, searchForPage, teamFromSearch } from '../src/state/page-param';
import { AT, figures } from './teams-fixtures';
import { manualClock } from './manual-clock';

const session = (teams: string[] | null, seen: string[] = ['emea', 'us']): Session => ({
  name: 'lead',
  scopes: ['read'],
  teams,
  windows: ['15m', '1h', '24h'],
  choices: { team: seen, queue: [] },
});

const answer = (team: string, agents: Record<string, number>): AgentsAnswer => ({
  window: '1h',
  team,
  at: AT,
  from: AT - 3_600_000,
  teamValues: figures({ breaches: 9, overall: 0.5 }),
  values: Object.fromEntries(
    Object.entries(agents).map(([agent, breaches]) => [
      agent,
      figures({ breaches, overall: breaches === 0 ? null : 1 / breaches }),
    ]),
  ),
});

const names = (rows: readonly { agent: string }[]) => rows.map((r) => r.agent);

describe('the Agents table', () => {
  it("puts the team's row first, then one per agent, the unassigned tickets and those past the cap named in words", () => {
    const rows = buildAgentRows(answer('emea', { ana: 1, '-': 2, other: 0 }));
    expect(rows.map((r) => [r.agent, r.label, r.isTeam])).toEqual([
      ['*', 'Team emea', true],
      ['ana', 'ana', false],
      ['-', 'Unassigned', false],
      ['other', 'Other agents', false],
    ]);
    expect(buildAgentRows(answer('-', {}))[0]!.label).toBe('No team');
  });

  it("has the issue's columns, in its order", () => {
    expect(AGENT_COLUMNS.map((c) => c.key)).toEqual([
      'open',
      'replies',
      'solved',
      'firstResponseP50',
      'firstResponseP90',
      'attainment.firstResponse',
      'attainment.nextResponse',
      'attainment.resolution',
      'attainment.overall',
      'breaches',
      'fcr',
      'csat',
    ]);
    const f = figures({ breaches: 4, firstReplyP90: 600 });
    const read = (key: string) => AGENT_COLUMNS.find((c) => c.key === key)!.value(f);
    expect(read('breaches')).toBe(4);
    expect(read('firstResponseP90')).toBe(600);
    expect(read('open')).toBe(f.now.backlog.total);
    expect(read('replies')).toBe(f.volume.replies);
    // Only the counts with a list behind them open one.
    expect(AGENT_COLUMNS.filter((c) => c.drill).map((c) => [c.key, c.drill])).toEqual([
      ['open', { list: 'backlog', status: null }],
      ['breaches', { list: 'breaches', clock: null }],
    ]);
  });

  it('sorts by name with the unassigned and the agents past the cap last, the team first either way', () => {
    const rows = buildAgentRows(
      answer('emea', { zoë: 1, other: 3, '-': 2, ana: 0, 'agent 10': 5, 'agent 2': 4 }),
    );
    expect(names(sortAgentRows(rows, AGENTS_BY_NAME))).toEqual([
      '*',
      'agent 2',
      'agent 10',
      'ana',
      'zoë',
      '-',
      'other',
    ]);
    expect(names(sortAgentRows(rows, { column: 'name', direction: 'descending' }))).toEqual([
      '*',
      'zoë',
      'ana',
      'agent 10',
      'agent 2',
      '-',
      'other',
    ]);
  });

  it('sorts by a figure either way, a row without it last', () => {
    const rows = buildAgentRows(answer('emea', { ana: 0, bo: 2, cy: 1 }));
    expect(names(sortAgentRows(rows, { column: 'breaches', direction: 'descending' }))).toEqual([
      '*',
      'bo',
      'cy',
      'ana',
    ]);
    // ana breached nothing, so has no attainment here: last, whichever way.
    const overall = (direction: 'ascending' | 'descending') =>
      names(sortAgentRows(rows, { column: 'attainment.overall', direction }));
    expect(overall('ascending')).toEqual(['*', 'bo', 'cy', 'ana']);
    expect(overall('descending')).toEqual(['*', 'cy', 'bo', 'ana']);
  });

  it("opens an agent's counts to the team's tickets of that agent, the breaches since the window's start", () => {
    const a = answer('emea', { ana: 1, '-': 1, other: 1 });
    const [team, ana, unassigned, other] = buildAgentRows(a);
    const open = agentDrillRequest({ list: 'backlog', status: null }, a, ana!);
    expect(open.filters).toEqual({ team: 'emea', assignee: 'ana' });
    expect(open.whose).toBe('ana · Team emea');
    const breaches = agentDrillRequest({ list: 'breaches', clock: null }, a, unassigned!);
    expect(breaches.filters).toEqual({ team: 'emea', assignee: '-' });
    expect(breaches.since).toBe(AT - 3_600_000);
    expect(agentDrillRequest({ list: 'openBreached' }, a, team!).filters).toEqual({ team: 'emea' });
    // "other" is many agents, or a team past the cap: no filter names their tickets.
    expect(mayDrill(a, ana!)).toBe(true);
    expect(mayDrill(a, other!)).toBe(false);
    expect(mayDrill(answer('other', { ana: 1 }), ana!)).toBe(false);
  });

  it("offers a team-limited token its own teams, and anyone else the session's with one asked for", () => {
    expect(agentTeams(session(null), null)).toEqual(['emea', 'us']);
    expect(agentTeams(session(null), 'latam')).toEqual(['emea', 'us', 'latam']);
    expect(agentTeams(session(['emea']), 'us')).toEqual(['emea']);
  });

  it('reads the answer, and names the CSV as the gateway does', () => {
    const read = parseAgentsAnswer({
      at: '2026-12-07T10:00:00.000Z',
      window: '1h',
      from: '2026-12-07T09:01:00.000Z',
      team: 'emea',
      teamValues: figures({}),
      values: { ana: figures({}) },
    });
    expect(read.from).toBe(Date.parse('2026-12-07T09:01:00Z'));
    expect(Object.keys(read.values)).toEqual(['ana']);
    expect(() => parseAgentsAnswer({ at: 'x', values: {} })).toThrow(/window/);
    expect(decodeURIComponent(agentsPath('24h', 'a b', true))).toBe(
      'api/v1/agents?team=a+b&window=24h&format=csv',
    );
    expect(agentsCsvName('7d', 'emea/west')).toBe('slawatch-agents-emea_west-7d.csv');
  });

  it('is a page of its own, its team in the address', () => {
    expect(pageFromSearch('?page=agents&team=emea')).toBe('agents');
    expect(teamFromSearch('?page=agents&team=emea')).toBe('emea');
    expect(teamFromSearch('?page=agents')).toBeNull();
    expect(searchForPage('?tv=1', 'agents', 'us')).toBe('?tv=1&page=agents&team=us');
    // The team means nothing to another page.
    expect(searchForPage('?page=agents&team=us', 'board')).toBe('');
    expect(searchForPage('?page=agents&team=us', 'agents')).toBe('?page=agents&team=us');
  });
});

/** The gateway as the page sees it: each request waits until the test answers it. */
function gateway() {
  const asked: { team: string; window: string; answer: (v: AgentsAnswer | Error) => void }[] = [];
  const api: AgentsApi = {
    agents: (window, team) =>
      new Promise((resolve, reject) =>
        asked.push({ team, window, answer: (v) => (v instanceof Error ? reject(v) : resolve(v)) }),
      ),
    csv: (window, team) => Promise.resolve(new Blob([`${team},${window}`])),
    ticketUrl: () => Promise.resolve('https://help.example/t/{ticketId}'),
    readRoute: () => Promise.resolve({}),
  };
  const what = (from = 0) => asked.slice(from).map((a) => `${a.team} ${a.window}`);
  return { api, asked, what };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the Agents page refreshing', () => {
  it('asks for the first team when shown, then every 30 s until hidden', async () => {
    const g = gateway();
    const c = manualClock();
    const store = new AgentsStore(g.api, session(null), undefined, c.schedule);
    const hide = store.show();
    expect(g.what()).toEqual(['emea 1h']);
    g.asked[0]!.answer(answer('emea', { ana: 1 }));
    await settle();
    expect(names(store.rows.value)).toEqual(['*', 'ana']);
    expect(store.ticketUrl.value).toBe('https://help.example/t/{ticketId}');
    expect(c.waiting().map((t) => t.ms)).toEqual([REFRESH_MS]);
    c.fire();
    expect(g.what(1)).toEqual(['emea 1h']);
    hide();
    expect(c.waiting()).toHaveLength(0);
  });

  it('shows the team the address names, and clears the rows on another choice', async () => {
    const g = gateway();
    const store = new AgentsStore(g.api, session(null), undefined, manualClock().schedule);
    store.show('latam');
    expect(store.teams.value).toEqual(['emea', 'us', 'latam']);
    expect(g.what()).toEqual(['latam 1h']);
    g.asked[0]!.answer(answer('latam', { bo: 0 }));
    await settle();
    store.choose({ team: 'us', window: '24h' });
    expect(store.answer.value).toBeNull();
    expect(g.what(1)).toEqual(['us 24h']);
    // A team not offered, or a window not offered, is no choice.
    store.choose({ team: 'mars' });
    store.choose({ window: '2h' });
    expect(store.query.value).toEqual({ team: 'us', window: '24h' });
  });

  it('offers a team-limited token its teams only, whatever the address asks', () => {
    const g = gateway();
    const store = new AgentsStore(g.api, session(['us']), undefined, manualClock().schedule);
    store.show('emea');
    expect(store.teams.value).toEqual(['us']);
    expect(g.what()).toEqual(['us 1h']);
  });

  it('asks nothing while the session offers no team', () => {
    const g = gateway();
    const store = new AgentsStore(g.api, session(null, []), undefined, manualClock().schedule);
    store.show();
    expect(store.query.value.team).toBeNull();
    expect(g.asked).toHaveLength(0);
  });

  it('names a refusal, and hands a refused token back', async () => {
    const g = gateway();
    let refused = 0;
    const c = manualClock();
    const store = new AgentsStore(g.api, session(null), () => refused++, c.schedule);
    store.show();
    g.asked[0]!.answer(new ApiError(403, 'limited', 'SLW_AUTH_TEAMS_LIMITED'));
    await settle();
    expect(store.problem.value?.message).toMatch(/limited to other teams/);
    c.fire();
    g.asked[1]!.answer(new ApiError(401, 'unknown or revoked token'));
    await settle();
    expect(refused).toBe(1);
    expect(c.waiting()).toHaveLength(0);
  });

  it('gives the CSV of the team and window shown, named as the gateway names it', async () => {
    const g = gateway();
    const store = new AgentsStore(g.api, session(null), undefined, manualClock().schedule);
    store.choose({ team: 'us', window: '24h' });
    const file = await store.csvFile();
    expect(file.name).toBe('slawatch-agents-us-24h.csv');
    expect(await file.blob.text()).toBe('us,24h');
  });
});
