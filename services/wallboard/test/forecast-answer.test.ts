import { describe, expect, it } from 'vitest';
import { parseForecastAnswer } from '../src/api/forecast-answer';
import { MalformedAnswer } from '../src/api/json-reader';
import { formatProbability } from '../src/format/format-probability';
import { forecastPath } from '../src/forecast/forecast-path';
import { aheadText, basisNote, forecastNotes, horizonText } from '../src/forecast/forecast-wording';
import { nextPollDelay } from '../src/forecast/next-poll-delay';

/** `GET /api/v1/forecast` as the gateway answers it (forecast-routes.ts). */
const ANSWER = {
  computedAt: '2026-12-07T10:02:13.000Z',
  horizonMinutes: 60,
  scanned: 412,
  truncated: false,
  total: 2,
  clocks: [
    {
      ticketId: 'T-1',
      team: 'emea',
      queue: 'billing',
      priority: 'high',
      policy: 'standard',
      clock: 'firstResponse',
      cycle: 1,
      deadline: '2026-12-07T10:20:00.000Z',
      probability: 0.83,
      basis: 'team',
      samples: 120,
      ahead: 3,
    },
    {
      ticketId: 'T-2',
      team: null,
      queue: null,
      priority: 'normal',
      policy: null,
      clock: 'resolution',
      cycle: 2,
      deadline: '2026-12-07T10:45:00.000Z',
      probability: 0.5,
      basis: 'all',
      samples: 5000,
      ahead: null,
    },
  ],
};

const withClock = (i: number, change: Record<string, unknown>) => ({
  ...ANSWER,
  clocks: ANSWER.clocks.map((c, j) => (j === i ? { ...c, ...change } : c)),
});

describe('the forecast answer', () => {
  it('is read with its instants in ms, in the order the gateway sent', () => {
    const a = parseForecastAnswer(ANSWER);
    expect(a.computedAt).toBe(Date.parse('2026-12-07T10:02:13Z'));
    expect(a).toMatchObject({ horizonMinutes: 60, scanned: 412, truncated: false, total: 2 });
    expect(a.clocks.map((c) => c.ticketId)).toEqual(['T-1', 'T-2']);
    expect(a.clocks[0]).toEqual({
      ...ANSWER.clocks[0],
      deadline: Date.parse('2026-12-07T10:20:00Z'),
    });
    // No team, queue or policy, and waiting for no reply: nulls, not dashes or zeros.
    expect(a.clocks[1]).toMatchObject({ team: null, queue: null, policy: null, ahead: null });
  });

  it('keeps a clock kind or basis this page does not know, as sent', () => {
    const a = parseForecastAnswer(withClock(0, { clock: 'onSiteVisit', basis: 'queue' }));
    expect(a.clocks[0]).toMatchObject({ clock: 'onSiteVisit', basis: 'queue' });
  });

  it('names the first field that is not as documented', () => {
    const cases: [unknown, string][] = [
      [null, 'its top'],
      [{ ...ANSWER, computedAt: 'soon' }, 'computedAt'],
      [{ ...ANSWER, truncated: 'no' }, 'truncated'],
      [{ ...ANSWER, total: undefined }, 'total'],
      [{ ...ANSWER, clocks: {} }, 'clocks'],
      [withClock(1, { probability: 1.2 }), 'clocks[1].probability'],
      [withClock(1, { probability: '0.7' }), 'clocks[1].probability'],
      [withClock(0, { deadline: null }), 'clocks[0].deadline'],
      [withClock(0, { ahead: 'two' }), 'clocks[0].ahead'],
      [withClock(0, { team: 7 }), 'clocks[0].team'],
      [withClock(1, { ticketId: undefined }), 'clocks[1].ticketId'],
    ];
    for (const [value, path] of cases) {
      expect(() => parseForecastAnswer(value), path).toThrow(MalformedAnswer);
      expect(() => parseForecastAnswer(value), path).toThrow(` at ${path}`);
    }
  });
});

describe('the forecast as the list words it', () => {
  it('shows the probability as a whole percentage, 100 % only for a certainty', () => {
    expect(formatProbability(0.834)).toBe('83 %');
    expect(formatProbability(0.5)).toBe('50 %');
    expect(formatProbability(1)).toBe('100 %');
    expect(formatProbability(0.996)).toBe('99 %');
    expect(formatProbability(0.003)).toBe('1 %');
    expect(formatProbability(0)).toBe('0 %');
    expect(formatProbability(Number.NaN)).toBe('—');
  });

  it('says how many tickets go before it, only when it waits for a reply', () => {
    expect(aheadText(3)).toBe('3 ahead');
    expect(aheadText(0)).toBe('0 ahead');
    expect(aheadText(1200)).toBe('1,200 ahead');
    expect(aheadText(null)).toBe('');
  });

  it('says whose history the chance was read from', () => {
    const [team, all] = parseForecastAnswer(ANSWER).clocks;
    expect(basisNote(team!)).toBe('From 120 recent durations of team emea');
    expect(basisNote(all!)).toBe('From 5,000 recent durations of every team');
    expect(basisNote({ ...team!, basis: 'priority' })).toBe(
      'From 120 recent durations of high priority',
    );
  });

  it('says what the list leaves out', () => {
    const a = parseForecastAnswer(ANSWER);
    expect(forecastNotes(a)).toEqual([]);
    expect(forecastNotes({ ...a, total: 73, truncated: true, scanned: 5000 })).toEqual([
      'Showing the 2 most likely of 73.',
      'More tickets were due than the gateway reads (5,000): some clocks may be missing.',
    ]);
    // A team-limited token is not told how many tickets of every team were read.
    expect(forecastNotes({ ...a, truncated: true, scanned: null })).toEqual([
      'More tickets were due than the gateway reads: some clocks may be missing.',
    ]);
    const { scanned: _omitted, ...withoutScanned } = ANSWER;
    expect(parseForecastAnswer(withoutScanned).scanned).toBeNull();
  });

  it('names the horizon the gateway used', () => {
    expect(horizonText(60)).toBe('the hour');
    expect(horizonText(30)).toBe('30 minutes');
  });
});

describe('asking for the forecast', () => {
  it("filters by the board's team or queue, and asks for likely clocks only", () => {
    const query = (path: string) => new URL(path, 'http://x/').searchParams;
    expect(Object.fromEntries(query(forecastPath({ kind: 'all' })))).toEqual({
      minProbability: '0.5',
      limit: '50',
    });
    expect(query(forecastPath({ kind: 'team', value: 'emea & co' })).get('team')).toBe('emea & co');
    expect(query(forecastPath({ kind: 'queue', value: 'billing' })).get('queue')).toBe('billing');
    expect(forecastPath({ kind: 'all' })).toMatch(/^api\/v1\/forecast\?/);
  });

  it("asks again just after the gateway's minute is up, at most a minute later", () => {
    const at = 1_000_000;
    // Computed now: the next one in a minute (and a margin).
    expect(nextPollDelay(at, at)).toBe(60_000);
    // Served from the gateway's 50 s old forecast: a new one in 12 s.
    expect(nextPollDelay(at, at + 50_000)).toBe(12_000);
    // A screen clock far ahead or behind: still about once a minute, never a flood.
    expect(nextPollDelay(at, at + 3_600_000)).toBe(10_000);
    expect(nextPollDelay(at, at - 3_600_000)).toBe(60_000);
  });
});
