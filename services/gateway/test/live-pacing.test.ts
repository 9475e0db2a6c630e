import { afterEach, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { Redis } from 'ioredis';
import { createStoreAdapters, updateTickets, type LiveDelta } from '@slawatch/store';
import { buildGateway, DEFAULT_LIVE_OPTIONS } from '../src/index.js';
import { created, MINUTE, NOW, TOKENS, useGateway } from './gateway-fixture.js';
import { LiveTestClient, liveUrl, waitUntil, type LiveMessage } from './live-test-client.js';

// The default pacing: what every gateway runs with unless told otherwise.
const { minIntervalMs, maxIntervalMs } = DEFAULT_LIVE_OPTIONS;
const gw = useGateway({ live: { refreshMs: 60_000, heartbeatMs: 60_000 } });
let url: string;
const clients: LiveTestClient[] = [];
beforeAll(async () => {
  url = await liveUrl(gw.app);
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  // The next test counts the reads of its own views only.
  await waitUntil(() => gw.app.live.views === 0, 'the views of the test to close');
});

async function connect(at = url) {
  const client = await LiveTestClient.connect(at, TOKENS.read);
  clients.push(client);
  return client;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let tickets = 0;
/** Opens one urgent ticket of `team` through the tracker's path: one delta. */
const openTicket = (team: string) => {
  const id = `PACE-${++tickets}`;
  return updateTickets(gw.update, new Map([[id, [created(id, NOW - MINUTE, team)]]]), NOW);
};

const createdOf = (m: LiveMessage, team: string): number =>
  m.data?.values?.[team]?.volume.created ?? 0;

/** A delta that changes nothing, as the trackers publish on the channel. */
const emptyDelta = (): string => {
  const at = new Date().toISOString();
  return JSON.stringify({ at, publishedAt: at, tickets: [], alerts: [] } satisfies LiveDelta);
};

describe('live stream pacing', () => {
  it('sends a change at once on an idle gateway, after a quiet spell and soon after another', async () => {
    const client = await connect();
    client.subscribe('m', { kind: 'metrics', window: '1h', dimension: 'team', values: ['pace'] });
    await client.next((m) => m.id === 'm', 'the snapshot');
    // Quiet for longer than the longest interval.
    await sleep(maxIntervalMs + 100);
    for (const n of [1, 2, 3]) {
      // Each ticket right after the previous one was shown: well within the old fixed
      // interval of 500 ms, which made all but the first wait for its end.
      await openTicket('pace');
      const update = await client.next(
        (m) => m.id === 'm' && createdOf(m, 'pace') === n,
        `the update showing ticket ${n}`,
      );
      expect(Date.now() - Date.parse(update.deltaAt!), `ticket ${n}`).toBeLessThan(200);
    }
  });

  it('coalesces a flood of deltas: each view is read at most once per minIntervalMs', async () => {
    const client = await connect();
    client.subscribe('r', { kind: 'atRisk' });
    client.subscribe('b', { kind: 'breaches' });
    await client.until(() => client.received.length === 2, 'the two snapshots');
    const live = gw.app.live;
    const readsBefore = live.readsRun;
    const from = performance.now();
    let deltas = 0;
    while (performance.now() - from < 1000) {
      await gw.redis.publish(gw.keys.deltas, emptyDelta());
      deltas++;
    }
    // The last delta's reads, due at most an interval later, have run.
    await sleep(maxIntervalMs + 100);
    await waitUntil(() => live.viewReads.running + live.viewReads.waiting === 0, 'no read left');
    const reads = live.readsRun - readsBefore;
    const spanMs = performance.now() - from;
    expect(deltas).toBeGreaterThan(100);
    // Every delta made both views stale: each was read after the last one.
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(reads).toBeLessThanOrEqual(2 * (Math.floor(spanMs / minIntervalMs) + 1));
  });

  it('reads nothing from Redis while no client watches, whatever deltas and refreshes pass', async () => {
    // A gateway reading its views over a connection of its own, which MONITOR can tell apart.
    const reads = new Redis(inject('redisUrl'));
    const adapters = createStoreAdapters(reads, gw.keys, gw.deps.policies, {
      retentionMs: 7 * 86_400_000,
    });
    const { store, metrics, lists } = adapters;
    const app = await buildGateway({
      deps: { ...gw.deps, store, metrics, lists },
      live: { refreshMs: 20, heartbeatMs: 20 },
    });
    onTestFinished(async () => {
      await app.close();
      await adapters.close();
      await reads.quit();
    });
    const watcher = await connect(await liveUrl(app));
    watcher.subscribe('r', { kind: 'atRisk' });
    watcher.subscribe('m', { kind: 'metrics', window: '1h', dimension: 'team' });
    await watcher.until(() => watcher.received.length >= 2, 'the two snapshots');
    watcher.close();
    await waitUntil(
      () => app.live.clients === 0 && app.live.views === 0 && app.live.viewReads.running === 0,
      'nobody watching, no read left',
    );

    const address = /addr=(\S+)/.exec(await reads.client('INFO'))![1]!;
    const monitor = await gw.redis.monitor();
    onTestFinished(() => monitor.disconnect());
    const seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source === address) seen.push(args[0]!.toLowerCase());
    });
    const readsBefore = app.live.readsRun;
    // 25 refresh and heartbeat periods, and a delta every 20 ms.
    const until = Date.now() + 500;
    while (Date.now() < until) {
      await gw.redis.publish(gw.keys.deltas, emptyDelta());
      await sleep(20);
    }
    // MONITOR sees that connection: a command sent on it now shows, and alone.
    await reads.echo('the end');
    await waitUntil(() => seen.includes('echo'), 'MONITOR to see the echo');
    expect(seen).toEqual(['echo']);
    expect(app.live.readsRun).toBe(readsBefore);
  });
});
