import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/api-client';
import type { Session } from '../src/api/session';
import { ForecastFeed } from '../src/forecast/forecast-feed';
import { FORECAST_RETRY_MS, pollForecast } from '../src/forecast/poll-forecast';
import { BoardStore } from '../src/state/board-store';

const session: Session = {
  name: 'wall',
  scopes: ['read'],
  teams: null,
  windows: ['1h', '24h'],
  choices: { team: ['emea', 'us'], queue: [] },
};

const answer = (computedAt: number, ticketId = 'T-1') => ({
  computedAt: new Date(computedAt).toISOString(),
  horizonMinutes: 60,
  scanned: 1,
  truncated: false,
  total: 1,
  clocks: [
    {
      ticketId,
      team: 'emea',
      queue: null,
      priority: 'high',
      policy: 'standard',
      clock: 'firstResponse',
      cycle: 1,
      deadline: new Date(computedAt + 600_000).toISOString(),
      probability: 0.9,
      basis: 'team',
      samples: 80,
      ahead: 0,
    },
  ],
});

/** The gateway as the page sees it: each request waits until the test answers it. */
function gateway() {
  const asked: { path: string; settle: (answer: unknown) => void }[] = [];
  const api = {
    send: (method: string, path: string) =>
      new Promise<unknown>((resolve, reject) => {
        expect(method).toBe('GET');
        asked.push({
          path,
          settle: (a) => (a instanceof Error ? reject(a) : resolve(a)),
        });
      }),
  };
  const team = (i: number) => new URL(asked[i]!.path, 'http://x/').searchParams.get('team');
  return { api, asked, team };
}

describe('polling the forecast', () => {
  let stop = () => undefined as void;
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-12-07T10:00:00Z') });
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it("asks at once, then when the gateway's forecast is a minute old", async () => {
    const { api, asked } = gateway();
    const feed = new ForecastFeed();
    stop = pollForecast({ api, store: new BoardStore(session), feed });
    expect(asked).toHaveLength(1);
    // The gateway served a forecast computed 30 s before.
    asked[0]!.settle(answer(Date.now() - 30_000));
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.answer.value?.clocks[0]?.ticketId).toBe('T-1');
    await vi.advanceTimersByTimeAsync(31_000);
    expect(asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(asked).toHaveLength(2);
  });

  it('asks again for a new team, not for a new window, and drops the old answer', async () => {
    const { api, asked, team } = gateway();
    const feed = new ForecastFeed();
    const store = new BoardStore(session);
    stop = pollForecast({ api, store, feed });
    asked[0]!.settle(answer(Date.now()));
    await vi.advanceTimersByTimeAsync(0);

    store.show({ window: '24h' });
    expect(asked).toHaveLength(1);
    expect(feed.answer.value).not.toBeNull();

    store.show({ scope: { kind: 'team', value: 'us' } });
    expect(asked).toHaveLength(2);
    expect(team(1)).toBe('us');
    // Nothing of all teams' forecast is shown under "Team us" meanwhile.
    expect(feed.answer.value).toBeNull();
    store.show({ scope: { kind: 'team', value: 'emea' } });
    asked[1]!.settle(answer(Date.now(), 'US-LATE'));
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.answer.value).toBeNull();
    asked[2]!.settle(answer(Date.now(), 'EMEA-1'));
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.answer.value?.clocks[0]?.ticketId).toBe('EMEA-1');
    // Only the current scope's cycle goes on: one request a minute, not two.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked.map((_, i) => team(i))).toEqual([null, 'us', 'emea', 'emea']);
  });

  it('keeps the last forecast when a request fails, says why, and asks again sooner', async () => {
    const { api, asked } = gateway();
    const feed = new ForecastFeed();
    stop = pollForecast({ api, store: new BoardStore(session), feed });
    asked[0]!.settle(answer(Date.now()));
    await vi.advanceTimersByTimeAsync(60_000);
    asked[1]!.settle(new ApiError(0, 'the gateway could not be reached'));
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.answer.value?.clocks).toHaveLength(1);
    expect(feed.problem.value?.message).toBe('the gateway could not be reached');
    await vi.advanceTimersByTimeAsync(FORECAST_RETRY_MS);
    expect(asked).toHaveLength(3);
    asked[2]!.settle({ ...answer(Date.now()), total: 'many' });
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.problem.value?.message).toMatch(/at total$/);
    await vi.advanceTimersByTimeAsync(FORECAST_RETRY_MS);
    asked[3]!.settle(new ApiError(404, 'HTTP 404'));
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.problem.value?.message).toBe('this gateway does not forecast breaches');
  });

  it('stops asking when stopped', async () => {
    const { api, asked } = gateway();
    const feed = new ForecastFeed();
    pollForecast({ api, store: new BoardStore(session), feed })();
    asked[0]!.settle(answer(Date.now()));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(asked).toHaveLength(1);
    expect(feed.answer.value).toBeNull();
  });
});
