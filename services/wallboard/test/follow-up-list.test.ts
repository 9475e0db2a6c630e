import { describe, expect, it } from 'vitest';
import type { FollowUp } from '@slawatch/wire';
import { formatSurveyScore } from '../src/format/format-survey-score';
import { followUpKeys } from '../src/live/follow-up-keys';
import { LiveData } from '../src/live/live-data';
import type { ServerMessage } from '../src/live/server-message';

const emea = { scope: { kind: 'team', value: 'emea' }, window: '1h' } as const;
const us = { scope: { kind: 'team', value: 'us' }, window: '1h' } as const;
const at = '2026-11-23T09:00:00Z';

const low = (ticketId: string, kind: 'csat' | 'nps', score: number, when = at): FollowUp => ({
  ticketId,
  team: 'emea',
  queue: '-',
  priority: 'high',
  policy: 'default',
  assignee: 'ana',
  kind,
  score,
  at: when,
});
const message = (type: 'snapshot' | 'update', body: unknown): ServerMessage => ({
  type,
  id: 'followUps',
  at,
  data: body,
});
const shown = (live: LiveData) =>
  live.followUps.value?.data.map((i) => [i.followUp.ticketId, i.firstSeen === null]);

describe('the follow-up list on the wallboard', () => {
  it('writes a score on its scale, as supervisors say it', () => {
    expect(formatSurveyScore('csat', 2)).toBe('CSAT 2/5');
    expect(formatSurveyScore('nps', 3)).toBe('NPS 3/10');
    expect(formatSurveyScore('nps', 0)).toBe('NPS 0/10');
  });

  it('keys each row by its survey, two alike by their order', () => {
    expect(
      followUpKeys([low('T-1', 'csat', 1), low('T-1', 'nps', 1), low('T-1', 'csat', 1)]),
    ).toEqual([`T-1|csat|1|${at}`, `T-1|nps|1|${at}`, `T-1|csat|1|${at}#2`]);
  });

  it('shows the list in the gateway order, and marks the scores that arrive while watching', () => {
    const live = new LiveData();
    live.expect(emea);
    expect(live.followUps.value).toBeNull();
    live.apply(message('snapshot', { followUps: [low('T-1', 'csat', 2)] }), 0);
    expect(shown(live)).toEqual([['T-1', true]]);
    live.apply(
      message('update', {
        followUps: [low('T-2', 'nps', 3, '2026-11-23T09:05:00Z'), low('T-1', 'csat', 2)],
      }),
      0,
    );
    // T-2 is new; T-1 was there when the board opened.
    expect(shown(live)).toEqual([
      ['T-2', false],
      ['T-1', true],
    ]);
    expect(live.followUps.value?.at).toBe(Date.parse(at));
  });

  it('forgets the list of the old view, and what it had seen, when the view changes', () => {
    const live = new LiveData();
    live.expect(emea);
    live.apply(message('snapshot', { followUps: [low('T-1', 'csat', 2)] }), 0);
    live.expect(us);
    expect(live.followUps.value).toBeNull();
    // An update of the old view, sent before the gateway saw the new subscription.
    live.apply(message('update', { followUps: [low('T-3', 'csat', 1)] }), 0);
    expect(live.followUps.value).toBeNull();
    // The new view's first list is all "there on arrival", none highlighted.
    live.apply(message('snapshot', { followUps: [low('T-4', 'nps', 6)] }), 0);
    expect(shown(live)).toEqual([['T-4', true]]);
    // An empty list is a list: the panel says so, rather than waiting.
    live.apply(message('update', { followUps: [] }), 0);
    expect(live.followUps.value?.data).toEqual([]);
  });

  it('ignores data that holds no list', () => {
    const live = new LiveData();
    live.expect(emea);
    live.apply(message('snapshot', { breaches: [] }), 0);
    expect(live.followUps.value).toBeNull();
  });
});
