import { afterAll, describe, expect, it } from 'vitest';
import {
  formatInstant,
  parsePolicyDocument,
  validateEvent,
  type AcceptedEvent,
} from '@slawatch/core';
import {
  createKeys,
  createStoreAdapters,
  updateTickets,
  type StoreAdapters,
  type UpdateDeps,
} from '../src/index.js';
import { freshPrefix, STORE_TARGETS } from './store-targets.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;
const RETENTION = 7 * DAY;

const loaded = parsePolicyDocument(`
policies:
  - { id: standard, targets: { firstResponse: 1h } }
`);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const policies = loaded.policySet;

let seq = 0;
/** An event as the tracker accepts it; `id` fixed to redeliver the same event. */
function event(
  subject: string,
  at: number,
  type: string,
  data: object = {},
  id = `fu-${++seq}`,
): AcceptedEvent {
  const r = validateEvent({
    specversion: '1.0',
    id,
    source: 'follow-up-test',
    type,
    subject,
    time: new Date(at).toISOString(),
    data,
  });
  if (!r.ok) throw new Error(r.reason);
  return { event: r.event, time: r.time, seq: ++seq };
}
const created = (subject: string, at: number, team: string, assigneeId = 'ana') =>
  event(subject, at, 'ticket.created', { priority: 'high', channel: 'email', team, assigneeId });
const surveyed = (subject: string, at: number, kind: 'csat' | 'nps', score: number, id?: string) =>
  event(subject, at, 'ticket.surveyed', { kind, score }, id);

describe.each(STORE_TARGETS)('the follow-up list in Redis, on $name', (target) => {
  const redis = target.connect();
  const opened: StoreAdapters[] = [];

  /** Fresh keys and the store's real adapters over them. */
  function rig() {
    const keys = createKeys(freshPrefix('follow-ups'), target.lanes);
    const adapters = createStoreAdapters(redis, keys, policies, { retentionMs: RETENTION });
    opened.push(adapters);
    const deps: UpdateDeps = { ...adapters, announce: () => Promise.resolve() };
    const fold = (batch: Record<string, AcceptedEvent[]>, now = NOW) =>
      updateTickets(deps, new Map(Object.entries(batch)), now);
    const members = () => redis.zrange(keys.followUps, 0, -1);
    return { keys, lists: adapters.lists, fold, members };
  }

  afterAll(async () => {
    for (const a of opened) await a.close();
    await redis.quit();
  });

  it('lists each low survey with its ticket, team, assignee, kind, score and time, newest first', async () => {
    const { fold, lists } = rig();
    await fold({
      'T-1': [
        created('T-1', NOW - 60 * MINUTE, 'emea'),
        surveyed('T-1', NOW - 20 * MINUTE, 'csat', 2),
      ],
      'T-2': [
        created('T-2', NOW - 60 * MINUTE, 'us', 'bo'),
        surveyed('T-2', NOW - 10 * MINUTE, 'nps', 6),
      ],
      // Neither a CSAT 3 nor an NPS 7 asks for a follow-up.
      'T-3': [
        created('T-3', NOW - 60 * MINUTE, 'us'),
        surveyed('T-3', NOW - 5 * MINUTE, 'csat', 3),
        surveyed('T-3', NOW - 4 * MINUTE, 'nps', 7),
      ],
    });
    expect(await lists.followUps(0)).toEqual([
      {
        ticketId: 'T-2',
        team: 'us',
        queue: '-',
        priority: 'high',
        policy: 'standard',
        assignee: 'bo',
        kind: 'nps',
        score: 6,
        at: formatInstant(NOW - 10 * MINUTE),
      },
      {
        ticketId: 'T-1',
        team: 'emea',
        queue: '-',
        priority: 'high',
        policy: 'standard',
        assignee: 'ana',
        kind: 'csat',
        score: 2,
        at: formatInstant(NOW - 20 * MINUTE),
      },
    ]);
    // Filtered by the ticket's values, by kind, by time, and limited.
    const ids = (list: { ticketId: string }[]) => list.map((f) => f.ticketId);
    expect(ids(await lists.followUps(0, { team: ['emea'] }))).toEqual(['T-1']);
    expect(ids(await lists.followUps(0, {}, 1000, { survey: 'csat' }))).toEqual(['T-1']);
    expect(ids(await lists.followUps(NOW - 15 * MINUTE))).toEqual(['T-2']);
    expect(ids(await lists.followUps(0, {}, 1))).toEqual(['T-2']);
  });

  it('lists a survey once however often its batch is delivered, and after a crash before the save', async () => {
    const { fold, members, keys } = rig();
    const batch = {
      'R-1': [created('R-1', NOW - 30 * MINUTE, 'emea'), surveyed('R-1', NOW - MINUTE, 'csat', 1)],
    };
    await fold(batch);
    await fold(batch);
    // The same survey again under its event id, in a later batch of its own.
    const again = batch['R-1'][1]!;
    await fold({ 'R-1': [{ ...again, seq: ++seq }] });
    expect(await members()).toHaveLength(1);
    // A tracker that died after the lists were written but before the record was saved:
    // the redelivered batch folds from nothing again, and lists the same member.
    await redis.del(keys.ticket('R-1'));
    await fold(batch);
    expect(await members()).toHaveLength(1);
  });

  it('keeps each low survey of a re-surveyed ticket as its own entry', async () => {
    const { fold, lists } = rig();
    await fold({
      'S-1': [
        created('S-1', NOW - 60 * MINUTE, 'emea'),
        surveyed('S-1', NOW - 30 * MINUTE, 'csat', 1),
      ],
    });
    await fold({ 'S-1': [surveyed('S-1', NOW - 5 * MINUTE, 'csat', 2)] });
    expect((await lists.followUps(0)).map((f) => [f.ticketId, f.score])).toEqual([
      ['S-1', 2],
      ['S-1', 1],
    ]);
  });

  it('takes a deleted ticket off the list, and a late survey does not bring it back', async () => {
    const { fold, members } = rig();
    await fold({
      'D-1': [
        created('D-1', NOW - 60 * MINUTE, 'emea'),
        surveyed('D-1', NOW - 30 * MINUTE, 'nps', 0),
      ],
      'D-2': [
        created('D-2', NOW - 60 * MINUTE, 'emea'),
        surveyed('D-2', NOW - 30 * MINUTE, 'nps', 1),
      ],
    });
    expect(await members()).toHaveLength(2);
    await fold({ 'D-1': [event('D-1', NOW - 20 * MINUTE, 'ticket.deleted')] });
    expect(await members()).toEqual([expect.stringMatching(/^D-2\|/)]);
    // A survey dated before the deletion, arriving after it, and one dated after it.
    await fold({
      'D-1': [
        surveyed('D-1', NOW - 25 * MINUTE, 'csat', 1),
        surveyed('D-1', NOW - MINUTE, 'csat', 1),
      ],
    });
    expect(await members()).toEqual([expect.stringMatching(/^D-2\|/)]);
  });

  it('drops surveys older than the retention, and keeps the newer ones', async () => {
    const { fold, lists } = rig();
    const then = NOW - RETENTION;
    await fold(
      {
        'O-1': [
          created('O-1', then - 60 * MINUTE, 'emea'),
          surveyed('O-1', then - 30 * MINUTE, 'csat', 1),
        ],
        'O-2': [
          created('O-2', then - 60 * MINUTE, 'emea'),
          surveyed('O-2', then + MINUTE, 'csat', 1),
        ],
      },
      then,
    );
    expect(await lists.followUps(0)).toHaveLength(2);
    // Any later write of the lists trims them: O-1's survey is now past the retention.
    await fold({ 'O-3': [created('O-3', NOW - MINUTE, 'us'), surveyed('O-3', NOW, 'nps', 2)] });
    expect((await lists.followUps(0)).map((f) => f.ticketId)).toEqual(['O-3', 'O-2']);
    // And O-1 changing does not list its old survey again.
    await fold({
      'O-1': [event('O-1', NOW, 'ticket.commented', { author: 'agent', public: true })],
    });
    expect((await lists.followUps(0)).map((f) => f.ticketId)).toEqual(['O-3', 'O-2']);
  });

  it('reads back a ticket id that holds the separator', async () => {
    const { fold, lists } = rig();
    await fold({
      'a|b|c': [
        created('a|b|c', NOW - 60 * MINUTE, 'emea'),
        surveyed('a|b|c', NOW - MINUTE, 'nps', 5),
      ],
    });
    expect(await lists.followUps(0)).toMatchObject([{ ticketId: 'a|b|c', kind: 'nps', score: 5 }]);
  });
});
