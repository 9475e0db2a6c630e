import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { updateTickets } from '@slawatch/store';
import { created, MINUTE, NOW, TOKENS, useGateway } from './gateway-fixture.js';
import { LiveTestClient, liveUrl, type LiveMessage } from './live-test-client.js';

const MIN_INTERVAL_MS = 300;
const gw = useGateway({
  live: {
    minIntervalMs: MIN_INTERVAL_MS,
    heartbeatMs: 150,
    refreshMs: 60_000,
    maxSubscriptions: 3,
    maxMessageBytes: 2048,
  },
});
let url: string;
const clients: LiveTestClient[] = [];
beforeAll(async () => {
  url = await liveUrl(gw.app);
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

async function connect(token = TOKENS.read, options: { autoPong?: boolean } = {}) {
  const client = await LiveTestClient.connect(url, token, options);
  clients.push(client);
  return client;
}

let tickets = 0;
/** Opens `count` urgent tickets of `team` through the tracker's path, each its own batch. */
const openTickets = (count: number, team: string, createdAt = NOW - MINUTE) =>
  Promise.all(
    Array.from({ length: count }, () => {
      const id = `LIVE-${++tickets}`;
      return updateTickets(gw.update, new Map([[id, [created(id, createdAt, team)]]]), NOW);
    }),
  );

const createdCount = (m: LiveMessage, team: string): number =>
  m.data!.values![team]!.volume.created;

describe('live stream', () => {
  it('answers a subscription with a snapshot of the view at once', async () => {
    const client = await connect();
    client.subscribe('m', { kind: 'metrics', window: '1h', dimension: 'team', values: ['emea'] });
    client.subscribe('r', { kind: 'atRisk' });
    client.subscribe('b', { kind: 'breaches', sinceMinutes: 60 });
    const metrics = await client.next((m) => m.id === 'm', 'the metrics snapshot');
    expect(metrics).toMatchObject({
      type: 'snapshot',
      at: new Date(NOW).toISOString(),
      // A 1h window is the current minute and the 59 before it (docs/api.md).
      data: { window: '1h', from: new Date(NOW - 59 * MINUTE).toISOString(), dimension: 'team' },
    });
    expect(Object.keys(metrics.data!.values!)).toEqual(['emea']);
    expect(createdCount(metrics, 'emea')).toBeGreaterThanOrEqual(1);
    const atRisk = await client.next((m) => m.id === 'r', 'the at-risk snapshot');
    expect(atRisk.type).toBe('snapshot');
    expect(atRisk.data!.clocks).toContainEqual(
      expect.objectContaining({ ticketId: 'US-1', clock: 'firstResponse', team: 'us' }),
    );
    const breaches = await client.next((m) => m.id === 'b', 'the breach snapshot');
    expect(breaches.data!.breaches).toContainEqual(
      expect.objectContaining({ ticketId: 'EMEA-1', team: 'emea' }),
    );
    // A second subscriber of the same view shares it.
    const views = gw.app.live.views;
    const other = await connect();
    other.subscribe('same', { kind: 'atRisk', limit: 100 });
    expect((await other.next((m) => m.id === 'same', 'a shared snapshot')).data).toEqual(
      atRisk.data,
    );
    expect(gw.app.live.views).toBe(views);
  });

  it('updates a view after the tracker changes it, a burst of deltas in few updates', async () => {
    const client = await connect();
    client.subscribe('m', { kind: 'metrics', window: '1h', dimension: 'team', values: ['apac'] });
    const snapshot = await client.next((m) => m.id === 'm', 'the snapshot');
    const before = createdCount(snapshot, 'apac');
    const burst = 20;
    const started = Date.now();
    await openTickets(burst, 'apac');
    const last = await client.next(
      (m) => m.id === 'm' && createdCount(m, 'apac') === before + burst,
      'an update with every ticket of the burst',
    );
    const elapsed = Date.now() - started;
    const updates = client.of('m').filter((m) => m.type === 'update');
    expect(last).toMatchObject({ type: 'update', deltaAt: expect.any(String) as string });
    expect(Date.parse(last.deltaAt!)).toBeGreaterThanOrEqual(started);
    // At most one read per interval (the first at once), and only when the data changed.
    expect(updates.length).toBeLessThanOrEqual(Math.floor(elapsed / MIN_INTERVAL_MS) + 1);
    expect(updates.length).toBeLessThan(burst);
  });

  it('streams a trend view: the window in slices, updated when a slice changes', async () => {
    const client = await connect();
    client.subscribe('t', { kind: 'trend', window: '15m', dimension: 'team', values: ['nordic'] });
    const snapshot = await client.next((m) => m.id === 't', 'the trend snapshot');
    expect(snapshot.data).toMatchObject({ window: '15m', dimension: 'team', stepMinutes: 1 });
    expect(snapshot.data!.slices).toHaveLength(15);
    const createdIn = (m: LiveMessage) =>
      m.data!.slices!.map((s) => s.values['nordic']?.created ?? 0);
    expect(createdIn(snapshot).every((n) => n === 0)).toBe(true);
    await openTickets(2, 'nordic', NOW - 3 * MINUTE);
    const update = await client.next(
      (m) => m.id === 't' && m.type === 'update',
      'the trend update',
    );
    // NOW is a whole minute: the ticket's minute is 3 slices before the current one.
    expect(createdIn(update).at(-4)).toBe(2);
    expect(createdIn(update).reduce((a, b) => a + b)).toBe(2);
  });

  it('sends nothing more for a subscription once it is unsubscribed', async () => {
    const client = await connect();
    const view = { kind: 'atRisk', team: ['latam'] };
    client.subscribe('gone', view);
    client.subscribe('kept', view);
    await client.next((m) => m.id === 'kept' && m.type === 'snapshot', 'the snapshots');
    client.send({ type: 'unsubscribe', id: 'gone' });
    const ack = await client.next((m) => m.type === 'unsubscribed', 'the acknowledgement');
    expect(ack.id).toBe('gone');
    const after = client.received.indexOf(ack) + 1;
    // Ten minutes into a 15-minute first response with warnAt 0.5: at risk at once.
    await openTickets(1, 'latam', NOW - 10 * MINUTE);
    const update = await client.next(
      (m) => m.id === 'kept' && m.type === 'update',
      'the update of the subscription kept',
      { from: after },
    );
    expect(update.data!.clocks).toHaveLength(1);
    // Both ids show one view: the one unsubscribed would have been written first.
    expect(client.received.slice(after).filter((m) => m.id === 'gone')).toEqual([]);
  });

  it('answers an invalid message with an error naming the bad field, and stays open', async () => {
    const client = await connect();
    const cases: [string | object, Partial<LiveMessage>][] = [
      ['not json', { message: 'not JSON' }],
      [{ type: 'nope' }, { path: 'type' }],
      [{ type: 'subscribe', view: { kind: 'atRisk' } }, { path: 'id' }],
      [
        { type: 'subscribe', id: 'w', view: { kind: 'metrics', window: '2h' } },
        { id: 'w', path: 'view.window', message: 'view.window: must be one of 15m, 1h, 24h, 7d' },
      ],
      [
        { type: 'subscribe', id: 'k', view: { kind: 'wallboard' } },
        { id: 'k', path: 'view.kind' },
      ],
      [
        { type: 'subscribe', id: 'l', view: { kind: 'atRisk', limit: 0 } },
        { id: 'l', path: 'view.limit' },
      ],
      [
        { type: 'subscribe', id: 't', view: { kind: 'breaches', team: [''] } },
        { id: 't', path: 'view.team[0]' },
      ],
      [
        { type: 'subscribe', id: 'x', view: { kind: 'breaches', colour: 'red' } },
        { id: 'x', path: 'view', message: 'view: unknown field "colour"' },
      ],
      [
        { type: 'unsubscribe', id: 'never' },
        { id: 'never', message: 'no such subscription' },
      ],
      [
        `{"type":"subscribe","id":"big","view":{"kind":"atRisk","team":["${'x'.repeat(3000)}"]}}`,
        {
          message: 'a message may have at most 2048 bytes',
        },
      ],
    ];
    for (const [message, expected] of cases) {
      const from = client.received.length;
      client.send(message);
      const error = await client.next(
        (m) => m.type === 'error',
        `the error for ${JSON.stringify(message)}`,
        {
          from,
        },
      );
      expect(error, JSON.stringify(message)).toMatchObject(expected);
    }
    const from = client.received.length;
    client.ws.send(Buffer.from('{}'), { binary: true });
    expect(
      await client.next((m) => m.type === 'error', 'the binary error', { from }),
    ).toMatchObject({ message: 'send JSON text messages' });
    // Still open and serving.
    client.subscribe('ok', { kind: 'atRisk' });
    expect((await client.next((m) => m.id === 'ok', 'a snapshot')).type).toBe('snapshot');
  });

  it('limits the subscriptions of one connection; subscribing again under an id replaces it', async () => {
    const client = await connect();
    for (const id of ['a', 'b', 'c']) client.subscribe(id, { kind: 'breaches' });
    await client.until(() => client.received.length === 3, 'three snapshots');
    client.subscribe('d', { kind: 'breaches' });
    expect(await client.next((m) => m.type === 'error', 'the refusal')).toMatchObject({
      id: 'd',
      message: 'at most 3 subscriptions per connection',
    });
    const from = client.received.length;
    client.subscribe('a', { kind: 'breaches', team: ['us'] });
    const replaced = await client.next((m) => m.id === 'a', 'the new snapshot of a', { from });
    expect(replaced).toMatchObject({ type: 'snapshot', data: { breaches: [] } });
  });

  it('sends heartbeats and pings, and drops a client that answers no ping', async () => {
    const client = await connect();
    await client.until(
      () =>
        client.received.filter((m) => m.type === 'heartbeat').length >= 2 &&
        client.pings.length >= 2,
      'two heartbeats and two pings',
    );
    const beat = client.received.find((m) => m.type === 'heartbeat')!;
    expect(beat).toEqual({ type: 'heartbeat', at: new Date(NOW).toISOString() });
    expect(client.ws.readyState).toBe(client.ws.OPEN);

    const dropped = gw.app.live.clientsDropped;
    const mute = await connect(TOKENS.read, { autoPong: false });
    expect((await mute.closed).code).toBe(1006);
    expect(gw.app.live.clientsDropped).toBe(dropped + 1);
  });
});
