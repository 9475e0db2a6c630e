import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/api-client';
import type { Session } from '../src/api/session';
import type { MetricsAnswer, TeamsApi } from '../src/api/teams-api';
import type { TrendData } from '../src/api/metrics-data';
import { REFRESH_MS } from '../src/state/polled-view';
import { TeamsStore } from '../src/state/teams-store';
import { figures, metricsAnswer, trendAnswer } from './teams-fixtures';
import { manualClock } from './manual-clock';

const session = (teams: string[] | null): Session => ({
  name: 'wall',
  scopes: ['read'],
  teams,
  windows: ['15m', '1h', '24h'],
  choices: { team: [], queue: [] },
});

interface Asked {
  readonly route: 'metrics' | 'trend';
  readonly window: string;
  readonly dimension: string;
  readonly answer: (value: MetricsAnswer | TrendData | Error) => void;
}

/** The gateway as the page sees it: each request waits until the test answers it. */
function gateway() {
  const asked: Asked[] = [];
  const ask = <T>(route: Asked['route'], window: string, dimension: string) =>
    new Promise<T>((resolve, reject) => {
      asked.push({
        route,
        window,
        dimension,
        answer: (v) => (v instanceof Error ? reject(v) : resolve(v as T)),
      });
    });
  const api: TeamsApi = {
    metrics: (window, dimension) => ask('metrics', window, dimension),
    trend: (window, dimension) => ask('trend', window, dimension),
  };
  /** Answers the requests from `from` to `to`: one value of the dimension, or all. */
  const answerAll = async (from = 0, value = 'emea', to = asked.length) => {
    for (const a of asked.slice(from, to)) {
      const values = a.dimension === 'all' ? '*' : value;
      a.answer(
        a.route === 'metrics'
          ? metricsAnswer(a.dimension, { [values]: figures({ overall: 0.9 }) })
          : trendAnswer(a.dimension, [{}]),
      );
    }
    await new Promise((r) => setTimeout(r, 0));
  };
  const what = (from = 0) => asked.slice(from).map((a) => `${a.route} ${a.dimension} ${a.window}`);
  return { api, asked, answerAll, what };
}

describe('the Teams page refreshing', () => {
  it('asks by the dimension and over all, with trends, when shown, then every 30 s until hidden', async () => {
    const g = gateway();
    const c = manualClock();
    const store = new TeamsStore(g.api, session(null), undefined, c.schedule);
    expect(g.asked).toHaveLength(0);
    const hide = store.show();
    // The board's window when the session offers it.
    expect(g.what()).toEqual([
      'metrics team 1h',
      'trend team 1h',
      'metrics all 1h',
      'trend all 1h',
    ]);
    expect(store.loading.value).toBe(true);
    await g.answerAll();
    expect(store.loading.value).toBe(false);
    expect(store.rows.value.map((r) => r.label)).toEqual(['All teams', 'emea']);
    expect(c.waiting().map((t) => t.ms)).toEqual([REFRESH_MS]);

    c.fire();
    expect(g.asked).toHaveLength(8);
    await g.answerAll(4, 'us');
    expect(store.rows.value.map((r) => r.label)).toEqual(['All teams', 'us']);

    hide();
    expect(c.waiting()).toHaveLength(0);
    expect(g.asked).toHaveLength(8);
  });

  it('asks by team only for a token limited to teams, which has no all row', async () => {
    const g = gateway();
    const store = new TeamsStore(g.api, session(['emea']), undefined, manualClock().schedule);
    store.show();
    expect(g.what()).toEqual(['metrics team 1h', 'trend team 1h']);
    await g.answerAll();
    expect(store.rows.value.map((r) => r.label)).toEqual(['emea']);
    // Nothing else is offered, and nothing else may be chosen.
    expect(store.dimensions).toEqual(['team']);
    store.choose({ dimension: 'queue' });
    expect(store.query.value.dimension).toBe('team');
    expect(g.asked).toHaveLength(2);
  });

  it('keeps the last rows when a refresh fails, says why, and tries again', async () => {
    const g = gateway();
    const c = manualClock();
    const store = new TeamsStore(g.api, session(null), undefined, c.schedule);
    store.show();
    await g.answerAll();
    c.fire();
    g.asked[4]!.answer(new ApiError(0, 'the gateway could not be reached'));
    await new Promise((r) => setTimeout(r, 0));
    expect(store.problem.value?.message).toBe('The gateway could not be reached. Try again.');
    expect(store.rows.value.map((r) => r.label)).toEqual(['All teams', 'emea']);
    expect(c.waiting().map((t) => t.ms)).toEqual([REFRESH_MS]);
    c.fire();
    await g.answerAll(8);
    expect(store.problem.value).toBeNull();
  });

  it('drops the rows on another dimension at once, and any answer still coming for the old one', async () => {
    const g = gateway();
    const store = new TeamsStore(g.api, session(null), undefined, manualClock().schedule);
    store.show();
    store.choose({ dimension: 'queue', window: '24h' });
    expect(store.answers.value).toBeNull();
    expect(g.what(4)).toEqual([
      'metrics queue 24h',
      'trend queue 24h',
      'metrics all 24h',
      'trend all 24h',
    ]);
    // The team answers arrive late: they must not show as queues.
    await g.answerAll(0, 'emea', 4);
    expect(store.answers.value).toBeNull();
    expect(store.loading.value).toBe(true);
    await g.answerAll(4, 'billing');
    expect(store.answers.value?.dimension).toBe('queue');
    expect(store.rows.value.map((r) => r.label)).toEqual(['All queues', 'billing']);
  });

  it('signs out when the token is refused, and asks no more', async () => {
    const g = gateway();
    const c = manualClock();
    let signedOut = 0;
    const store = new TeamsStore(g.api, session(null), () => signedOut++, c.schedule);
    store.show();
    g.asked[0]!.answer(new ApiError(401, 'unknown or revoked token'));
    await new Promise((r) => setTimeout(r, 0));
    expect(signedOut).toBe(1);
    expect(c.waiting()).toHaveLength(0);
  });

  it('names a refusal by its code', async () => {
    const g = gateway();
    const store = new TeamsStore(g.api, session(null), undefined, manualClock().schedule);
    store.show();
    g.asked[0]!.answer(
      new ApiError(
        403,
        'this token is limited to teams: use dimension=team',
        'SLW_AUTH_TEAMS_LIMITED',
      ),
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(store.problem.value?.code).toBe('SLW_AUTH_TEAMS_LIMITED');
    expect(store.problem.value?.message).toMatch(/^This token may not read these figures \(403\)/);
  });
});
