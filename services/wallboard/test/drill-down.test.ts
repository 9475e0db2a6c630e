import { describe, expect, it } from 'vitest';
import { DEFAULT_METRICS_SETTINGS, summarizeMetrics, type MetricValues } from '@slawatch/core';
import { ApiError } from '../src/api/api-client';
import { boardDrillRequest, windowStart } from '../src/drill-down/board-drill';
import {
  drillPath,
  FIRST_LIMIT,
  MAX_LIMIT,
  nextLimit,
  scopeFilters,
  type DrillRequest,
} from '../src/drill-down/drill-query';
import { parseDrillAnswer } from '../src/drill-down/drill-rows';
import { clockChoices, drillCount, type DrillTarget } from '../src/drill-down/drill-target';
import { listCaption, listTitle, whenText, windowNote } from '../src/drill-down/drill-words';
import { DrillDownList } from '../src/state/drill-down-list';
import { TILE_SPECS } from '../src/tiles/tile-specs';

const AT = Date.parse('2026-12-07T10:00:00Z');
const FROM = AT - 3_600_000;

/** An empty window's figures with the counts a test is about. */
function figures(): MetricValues {
  const empty = summarizeMetrics(new Map(), DEFAULT_METRICS_SETTINGS);
  return {
    ...empty,
    breaches: { ...empty.breaches, firstResponse: 2, resolution: 1, total: 3 },
    now: {
      backlog: { new: 1, open: 4, pending: 2, on_hold: 0, total: 7 },
      openBreached: 2,
      atRisk: 5,
    },
  };
}

const spec = (key: string) => TILE_SPECS.find((s) => s.key === key)!;
const path = (target: DrillTarget, filters = {}, since: number | null = FROM, limit = 100) =>
  decodeURIComponent(drillPath(target, filters, since, limit));

describe('which list a tile opens', () => {
  it('opens the open tickets, the at-risk clocks, the breaches and the finished clocks behind the counts', () => {
    expect(spec('backlog').drill).toEqual({ list: 'backlog', status: null });
    expect(spec('openBreached').drill).toEqual({ list: 'openBreached' });
    expect(spec('atRisk').drill).toEqual({ list: 'atRisk' });
    expect(spec('breaches').drill).toEqual({ list: 'breaches', clock: null });
    expect(spec('attainment.firstResponse').drill).toEqual({
      list: 'outcomes',
      clock: 'firstResponse',
      outcome: null,
    });
    expect(spec('attainment.agentWork').drill).toEqual({
      list: 'outcomes',
      clock: 'agentWork',
      outcome: null,
    });
    expect(spec('attainment.overall').drill).toEqual({
      list: 'outcomes',
      clock: null,
      outcome: null,
    });
  });

  it('leaves the figures no list is kept of not clickable', () => {
    const none = TILE_SPECS.filter((s) => s.drill === undefined).map((s) => s.key);
    expect(none).toEqual([
      'firstResponseP50',
      'firstResponseP90',
      'resolutionP90',
      'volumeIn',
      'volumeOut',
      'fcr',
      'csat',
      'nps',
      'quality',
    ]);
  });

  it('opens a small count to its own part of the list: a status, a kind, the breached clocks', () => {
    const drills = (key: string) =>
      spec(key).details!(figures()).map((d) => [d.label, d.value, d.drill]);
    expect(drills('backlog')).toEqual([
      ['new', '1', { list: 'backlog', status: 'new' }],
      ['open', '4', { list: 'backlog', status: 'open' }],
      ['pending', '2', { list: 'backlog', status: 'pending' }],
      ['on hold', '0', { list: 'backlog', status: 'on_hold' }],
    ]);
    expect(drills('breaches')).toEqual([
      ['first', '2', { list: 'breaches', clock: 'firstResponse' }],
      ['next', '0', { list: 'breaches', clock: 'nextResponse' }],
      ['res.', '1', { list: 'breaches', clock: 'resolution' }],
    ]);
    expect(drills('attainment.resolution')).toEqual([
      ['breached', '1', { list: 'outcomes', clock: 'resolution', outcome: 'breached' }],
    ]);
    expect(spec('firstResponseP50').details!(figures())[0]!.drill).toBeUndefined();
  });
});

describe('the query a list is read with', () => {
  it('asks the drill-down routes as docs/api.md names them', () => {
    expect(path({ list: 'backlog', status: null })).toBe(
      'api/v1/open-tickets?status=new,open,pending,on_hold&limit=100',
    );
    expect(path({ list: 'backlog', status: 'on_hold' })).toBe(
      'api/v1/open-tickets?status=on_hold&limit=100',
    );
    expect(path({ list: 'openBreached' })).toBe('api/v1/open-tickets?breached=true&limit=100');
    expect(path({ list: 'atRisk' })).toBe('api/v1/at-risk?limit=100');
    expect(path({ list: 'breaches', clock: null })).toBe(
      'api/v1/breaches?since=2026-12-07T09:00:00.000Z&limit=100',
    );
    expect(path({ list: 'breaches', clock: 'firstResponse' })).toBe(
      'api/v1/breaches?clock=firstResponse&since=2026-12-07T09:00:00.000Z&limit=100',
    );
    expect(path({ list: 'outcomes', clock: 'resolution', outcome: 'met' })).toBe(
      'api/v1/outcomes?clock=resolution&outcome=met&since=2026-12-07T09:00:00.000Z&limit=100',
    );
    expect(path({ list: 'outcomes', clock: null, outcome: null })).toBe(
      'api/v1/outcomes?since=2026-12-07T09:00:00.000Z&limit=100',
    );
  });

  it("applies the board's scope or an agent, and the lists of now ignore the window", () => {
    expect(scopeFilters({ kind: 'all' })).toEqual({});
    expect(scopeFilters({ kind: 'team', value: 'emea' })).toEqual({ team: 'emea' });
    expect(scopeFilters({ kind: 'queue', value: 'billing' })).toEqual({ queue: 'billing' });
    expect(path({ list: 'atRisk' }, { queue: 'billing' })).toBe(
      'api/v1/at-risk?queue=billing&limit=100',
    );
    expect(path({ list: 'backlog', status: 'new' }, { team: 'emea', assignee: '-' })).toBe(
      'api/v1/open-tickets?status=new&team=emea&assignee=-&limit=100',
    );
    // An agent's name is sent as typed, encoded.
    expect(drillPath({ list: 'openBreached' }, { team: 'a&b', assignee: 'zoë' }, null, 100)).toBe(
      'api/v1/open-tickets?breached=true&team=a%26b&assignee=zo%C3%AB&limit=100',
    );
  });

  it('asks for the first 100, and ten times as many on each "Show more", up to 10,000', () => {
    expect(FIRST_LIMIT).toBe(100);
    expect(nextLimit(100)).toBe(1000);
    expect(nextLimit(1000)).toBe(MAX_LIMIT);
    expect(nextLimit(MAX_LIMIT)).toBe(MAX_LIMIT);
    expect(path({ list: 'atRisk' }, {}, null, 50_000)).toBe('api/v1/at-risk?limit=10000');
  });

  it("takes the window's start from the metrics view, else counts back from now", () => {
    const metrics = {
      at: AT,
      data: { window: '1h', dimension: 'all', from: '2026-12-07T09:01:00.000Z', values: {} },
    };
    expect(windowStart(metrics, '1h', AT)).toBe(Date.parse('2026-12-07T09:01:00Z'));
    expect(
      windowStart({ at: AT, data: { window: '1h', dimension: 'all', values: {} } }, '1h', 0),
    ).toBe(FROM);
    expect(windowStart(null, '15m', AT)).toBe(AT - 15 * 60_000);

    const request = boardDrillRequest(
      { list: 'breaches', clock: null },
      { scope: { kind: 'team', value: 'emea' }, window: '1h' },
      metrics,
      figures(),
      AT,
    );
    expect(request.filters).toEqual({ team: 'emea' });
    expect(request.since).toBe(Date.parse('2026-12-07T09:01:00Z'));
    expect(request.whose).toBe('Team emea');
    expect(request.clocks).toEqual(['firstResponse', 'nextResponse', 'resolution']);
  });

  it('offers the further clock kinds only where the figures have them', () => {
    const values = figures();
    const withUpdate = {
      ...values,
      attainment: { ...values.attainment, periodicUpdate: null },
    } as MetricValues;
    expect(clockChoices(withUpdate)).toEqual([
      'firstResponse',
      'nextResponse',
      'resolution',
      'periodicUpdate',
    ]);
    expect(clockChoices(null)).toEqual(['firstResponse', 'nextResponse', 'resolution']);
  });
});

describe('the rows of a list', () => {
  const ticket = (id: string, extra: object = {}) => ({
    ticketId: id,
    since: '2026-12-07T09:30:00.000Z',
    team: 'emea',
    queue: '-',
    priority: 'normal',
    policy: 'standard',
    assignee: 'ana',
    ...extra,
  });
  const clock = (id: string, at: string | null, extra: object = {}) => ({
    ticketId: id,
    clock: 'firstResponse',
    cycle: 1,
    at,
    team: 'us',
    queue: '-',
    priority: 'high',
    policy: 'standard',
    assignee: '-',
    ...extra,
  });

  it('reads the open tickets with their status and since when they are counted so', () => {
    const answer = parseDrillAnswer(
      { list: 'backlog', status: null },
      { tickets: [ticket('T-1', { status: 'on_hold' }), ticket('T-2', { status: 'new' })] },
    );
    expect(answer.from).toBeNull();
    expect(answer.rows).toEqual([
      {
        key: 'T-1',
        ticketId: 'T-1',
        clock: null,
        state: 'on_hold',
        team: 'emea',
        assignee: 'ana',
        at: Date.parse('2026-12-07T09:30:00Z'),
      },
      expect.objectContaining({ ticketId: 'T-2', state: 'new' }),
    ]);
    // The breached list has no status.
    const breached = parseDrillAnswer({ list: 'openBreached' }, { tickets: [ticket('T-3')] });
    expect(breached.rows[0]).toMatchObject({ ticketId: 'T-3', state: null, clock: null });
  });

  it('reads clocks, one row per clock and cycle, a paused one without a deadline', () => {
    const answer = parseDrillAnswer(
      { list: 'atRisk' },
      {
        clocks: [
          clock('T-1', '2026-12-07T10:05:00.000Z'),
          clock('T-1', null, { clock: 'resolution', state: 'paused' }),
        ],
      },
    );
    expect(answer.rows.map((r) => [r.key, r.clock, r.at, r.assignee])).toEqual([
      ['T-1|firstResponse|1', 'firstResponse', Date.parse('2026-12-07T10:05:00Z'), '-'],
      ['T-1|resolution|1', 'resolution', null, '-'],
    ]);
    const breaches = parseDrillAnswer(
      { list: 'breaches', clock: null },
      { breaches: [clock('T-2', '2026-12-07T09:40:00.000Z', { cycle: 2, clock: 'nextResponse' })] },
    );
    expect(breaches.rows[0]).toMatchObject({ key: 'T-2|nextResponse|2', state: null });
  });

  it('reads finished clocks with their outcome, and where the list starts', () => {
    const outcome = (id: string, result: string, at: string) => ({
      ...clock(id, at),
      outcome: result,
    });
    const answer = parseDrillAnswer(
      { list: 'outcomes', clock: null, outcome: null },
      {
        from: '2026-12-07T09:00:00.000Z',
        outcomes: [
          outcome('T-1', 'breached', '2026-12-07T09:50:00.000Z'),
          outcome('T-2', 'met', '2026-12-07T09:20:00.000Z'),
        ],
      },
    );
    expect(answer.from).toBe(FROM);
    expect(answer.rows.map((r) => [r.ticketId, r.state])).toEqual([
      ['T-1', 'breached'],
      ['T-2', 'met'],
    ]);
  });

  it('fails on an entry it does not know, naming where, rather than show a wrong row', () => {
    expect(() => parseDrillAnswer({ list: 'atRisk' }, { tickets: [] })).toThrow(/clocks/);
    expect(() =>
      parseDrillAnswer({ list: 'backlog', status: null }, { tickets: [{ since: 'x' }] }),
    ).toThrow(/tickets\[0\]\.ticketId/);
    expect(() =>
      parseDrillAnswer(
        { list: 'outcomes', clock: null, outcome: null },
        { from: '2026-12-07T09:00:00Z', outcomes: [{ ...clock('T', 'x'), outcome: 'late' }] },
      ),
    ).toThrow(/outcomes\[0\]\.outcome/);
  });
});

describe('the words of a list', () => {
  it('titles it by what it is', () => {
    expect(listTitle({ list: 'backlog', status: 'on_hold' })).toBe('Backlog now · on hold');
    expect(listTitle({ list: 'breaches', clock: 'firstResponse' })).toBe('Breaches · First reply');
    expect(listTitle({ list: 'outcomes', clock: null, outcome: null })).toBe(
      'SLA · every clock · met and breached',
    );
  });

  it('says how much is shown, of how many the count says', () => {
    const backlog: DrillTarget = { list: 'backlog', status: null };
    expect(listCaption(backlog, 7, false, 7)).toBe('7 tickets, oldest first.');
    expect(listCaption(backlog, 1, false, 1)).toBe('1 ticket, oldest first.');
    expect(listCaption(backlog, 100, true, 250)).toBe(
      'The first 100 of 250 tickets, oldest first.',
    );
    expect(listCaption({ list: 'breaches', clock: null }, 100, true, null)).toBe(
      'The first 100 clocks, newest first.',
    );
    expect(drillCount(backlog, figures())).toBe(7);
    expect(drillCount({ list: 'backlog', status: 'pending' }, figures())).toBe(2);
    expect(drillCount({ list: 'openBreached' }, figures())).toBe(2);
    expect(drillCount({ list: 'atRisk' }, figures())).toBe(5);
    expect(drillCount({ list: 'breaches', clock: 'firstResponse' }, figures())).toBe(2);
    expect(drillCount({ list: 'outcomes', clock: null, outcome: 'breached' }, figures())).toBe(3);
    // Met clocks have a rate, not a count.
    expect(drillCount({ list: 'outcomes', clock: null, outcome: 'met' }, figures())).toBeNull();
    expect(drillCount(backlog, null)).toBeNull();
  });

  it('says when an instant was, or for a deadline ahead how long is left', () => {
    expect(whenText({ list: 'backlog', status: null }, AT - 5 * 60_000, AT)).toBe('5 min ago');
    expect(whenText({ list: 'atRisk' }, AT + 252_000, AT)).toBe('in 4m 12s');
    expect(whenText({ list: 'atRisk' }, AT - 1000, AT)).toBe('due now');
    expect(whenText({ list: 'atRisk' }, null, AT)).toBe('paused');
  });

  it('says where a list of the window starts, and when the gateway keeps less than it', () => {
    const outcomes: DrillTarget = { list: 'outcomes', clock: null, outcome: null };
    expect(windowNote({ list: 'atRisk' }, FROM, null)).toBe('');
    expect(windowNote(outcomes, FROM, FROM)).toMatch(/^Since \d\d:\d\d, the window's start\.$/);
    expect(windowNote(outcomes, FROM - 6 * 86_400_000, FROM)).toMatch(
      /^Listed from \d\d:\d\d: the gateway keeps finished clocks for a shorter span/,
    );
  });
});

describe('a drill-down list', () => {
  const request: DrillRequest = {
    target: { list: 'backlog', status: null },
    filters: { team: 'emea' },
    since: FROM,
    values: figures(),
    whose: 'Team emea',
    clocks: ['firstResponse', 'nextResponse', 'resolution'],
  };
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      ticketId: `T-${i}`,
      status: 'open',
      since: '2026-12-07T09:30:00.000Z',
      team: 'emea',
      assignee: '-',
    }));

  /** The gateway as the dialog sees it: each request waits until the test answers it. */
  function gateway() {
    const asked: { path: string; answer: (v: unknown) => void }[] = [];
    const readRoute = (path: string) =>
      new Promise<unknown>((resolve, reject) =>
        asked.push({ path, answer: (v) => (v instanceof Error ? reject(v) : resolve(v)) }),
      );
    return { asked, readRoute };
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('reads the first 100, then ten times as many on "Show more", keeping the rows shown meanwhile', async () => {
    const g = gateway();
    const list = new DrillDownList(request, g.readRoute, undefined, () => AT);
    void list.load();
    expect(decodeURIComponent(g.asked[0]!.path)).toBe(
      'api/v1/open-tickets?status=new,open,pending,on_hold&team=emea&limit=100',
    );
    g.asked[0]!.answer({ tickets: rows(100) });
    await settle();
    expect(list.page.value?.rows).toHaveLength(100);
    expect(list.more.value).toBe(true);

    list.showMore();
    // A second click while it loads asks nothing more.
    list.showMore();
    expect(g.asked).toHaveLength(2);
    expect(g.asked[1]!.path).toMatch(/limit=1000$/);
    expect(list.page.value?.rows).toHaveLength(100);
    g.asked[1]!.answer({ tickets: rows(240) });
    await settle();
    expect(list.page.value?.rows).toHaveLength(240);
    expect(list.more.value).toBe(false);
  });

  it('starts again from the first page on another narrowing, ignoring an answer still coming', async () => {
    const g = gateway();
    const list = new DrillDownList(request, g.readRoute);
    void list.load();
    list.choose({ list: 'backlog', status: 'pending' });
    expect(g.asked[1]!.path).toBe('api/v1/open-tickets?status=pending&team=emea&limit=100');
    g.asked[0]!.answer({ tickets: rows(3) });
    await settle();
    expect(list.page.value).toBeNull();
    g.asked[1]!.answer({ tickets: rows(1) });
    await settle();
    expect(list.page.value?.rows).toHaveLength(1);
    expect(list.loading.value).toBe(false);
  });

  it('says why a list could not be read, and hands a refused token back', async () => {
    const g = gateway();
    let refused = 0;
    const list = new DrillDownList(request, g.readRoute, () => refused++);
    void list.load();
    g.asked[0]!.answer(new ApiError(400, 'querystring.status: bad', 'SLW_REQUEST_INVALID'));
    await settle();
    expect(list.problem.value?.code).toBe('SLW_REQUEST_INVALID');
    void list.load();
    g.asked[1]!.answer(new ApiError(401, 'unknown or revoked token'));
    await settle();
    expect(refused).toBe(1);
  });
});
