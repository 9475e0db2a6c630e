import { afterAll, describe, expect, it } from 'vitest';
import {
  parsePolicyDocument,
  validateEvent,
  type AcceptedEvent,
  type Notification,
} from '@slawatch/core';
import {
  createKeys,
  createStoreAdapters,
  updateTickets,
  type StoreAdapters,
  type UpdateDeps,
} from '../src/index.js';
import { freshPrefix, STORE_TARGETS } from './store-targets.js';

// The `feedback` level through the store, on real Redis and BullMQ: a low survey in a batch
// queues one notification for the lead, in the batch's own step, and neither a redelivered
// batch, a batch replayed after a crash before the save, nor a later change of the ticket
// queues another.

const MINUTE = 60_000;
const DAY = 86_400_000;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;

const DOCUMENT = (feedback: string) => `
policies:
  - { id: standard, targets: { firstResponse: 1h } }
alerting:
  receivers:
    - { id: audit, type: webhook, urlEnv: AUDIT_URL }
    - { id: lead, type: webhook, urlEnv: LEAD_URL }
  route:
    receivers: [audit]
    routes:
      - { match: { level: [feedback] }, receivers: [lead] }
${feedback}
`;
const load = (yaml: string) => {
  const loaded = parsePolicyDocument(yaml);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.policySet;
};

let seq = 0;
function event(subject: string, at: number, type: string, data: object = {}): AcceptedEvent {
  const r = validateEvent({
    specversion: '1.0',
    id: `fb-${++seq}`,
    source: 'feedback-test',
    type,
    subject,
    time: new Date(at).toISOString(),
    data,
  });
  if (!r.ok) throw new Error(r.reason);
  return { event: r.event, time: r.time, seq: ++seq };
}
const created = (subject: string, at: number) =>
  event(subject, at, 'ticket.created', {
    priority: 'high',
    channel: 'email',
    team: 'emea',
    assigneeId: 'ana',
  });
const surveyed = (subject: string, at: number, kind: 'csat' | 'nps', score: number) =>
  event(subject, at, 'ticket.surveyed', { kind, score });

describe.each(STORE_TARGETS)('feedback notifications queued with a batch, on $name', (target) => {
  const redis = target.connect();
  const opened: StoreAdapters[] = [];

  function rig(feedback = '  feedback: {}') {
    const keys = createKeys(freshPrefix('feedback'), target.lanes);
    const adapters = createStoreAdapters(redis, keys, load(DOCUMENT(feedback)), {
      retentionMs: 7 * DAY,
    });
    opened.push(adapters);
    const deps: UpdateDeps = { ...adapters, announce: () => Promise.resolve() };
    const fold = (batch: Record<string, AcceptedEvent[]>, now = NOW) =>
      updateTickets(deps, new Map(Object.entries(batch)), now);
    /** The notifications queued for a receiver, oldest first. */
    const queued = async (receiver: string): Promise<Notification[]> => {
      const jobs = await adapters.notifications!.queue(receiver).getJobs(['waiting', 'delayed']);
      return jobs.map((j) => j.data as Notification).sort((a, b) => a.time - b.time);
    };
    const members = () => redis.zrange(keys.followUps, 0, -1);
    return { keys, fold, queued, members };
  }

  afterAll(async () => {
    for (const a of opened) await a.close();
    await redis.quit();
  });

  it('queues one feedback notification for a low survey, and none more on redelivery, replay or a later change', async () => {
    const { keys, fold, queued, members } = rig();
    const batch = {
      'F-1': [created('F-1', NOW - 30 * MINUTE), surveyed('F-1', NOW - MINUTE, 'csat', 2)],
    };
    await fold(batch);
    const [member] = await members();
    // The survey as the follow-up list names it: ticket|kind|score|key.
    const key = member!.split('|').at(-1)!;
    const lead = await queued('lead');
    expect(lead).toHaveLength(1);
    expect(lead[0]).toMatchObject({
      id: `F-1/csat:${key}:feedback/lead`,
      alertKey: `F-1/csat/${key}/feedback`,
      action: 'trigger',
      labels: { level: 'feedback', clock: null, team: 'emea' },
      feedback: { kind: 'csat', score: 2, assignee: 'ana' },
      time: NOW - MINUTE,
    });
    expect(await queued('audit')).toEqual([]);
    // The same batch delivered again: its events are duplicates.
    await fold(batch);
    // A tracker that died after queueing but before the save: the batch folds from
    // nothing again, decides the same notification, and BullMQ keeps the one job.
    await redis.del(keys.ticket('F-1'));
    await fold(batch);
    // The agent calls the customer back: the survey is listed again, not announced again.
    await fold({
      'F-1': [event('F-1', NOW, 'ticket.commented', { author: 'agent', public: true })],
    });
    expect(await queued('lead')).toHaveLength(1);
    // A re-survey is a survey of its own.
    await fold({ 'F-1': [surveyed('F-1', NOW, 'nps', 3)] }, NOW + MINUTE);
    expect((await queued('lead')).map((n) => n.feedback)).toEqual([
      { kind: 'csat', score: 2, assignee: 'ana' },
      { kind: 'nps', score: 3, assignee: 'ana' },
    ]);
  });

  it('queues nothing without alerting.feedback, though the survey is on the list', async () => {
    const { fold, queued, members } = rig('');
    await fold({
      'F-2': [created('F-2', NOW - 30 * MINUTE), surveyed('F-2', NOW - MINUTE, 'nps', 0)],
    });
    expect(await members()).toHaveLength(1);
    expect(await queued('lead')).toEqual([]);
    expect(await queued('audit')).toEqual([]);
  });
});
