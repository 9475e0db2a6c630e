import { describe, expect, it, onTestFinished } from 'vitest';
import { LiveLists } from '@slawatch/store';
import { buildGateway, type LiveOptions } from '../src/index.js';
import { TOKENS, useGateway } from './gateway-fixture.js';
import { LiveTestClient, liveUrl, waitUntil } from './live-test-client.js';

const gw = useGateway();

/** The real lists over the fixture's Redis, slowed a little (a busy Redis), and counted. */
class CountedLists extends LiveLists {
  reads = 0;
  running = 0;
  mostRunning = 0;
  constructor(private readonly delayMs: number) {
    super(gw.redis, gw.keys, gw.deps.metrics);
  }
  override breaches(...args: Parameters<LiveLists['breaches']>) {
    return this.counted(() => super.breaches(...args));
  }
  override atRisk(...args: Parameters<LiveLists['atRisk']>) {
    return this.counted(() => super.atRisk(...args));
  }
  private async counted<T>(read: () => Promise<T>): Promise<T> {
    this.reads++;
    this.mostRunning = Math.max(this.mostRunning, ++this.running);
    try {
      await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      return await read();
    } finally {
      this.running--;
    }
  }
}

async function startGateway(live: Partial<LiveOptions>, lists = new CountedLists(0)) {
  const app = await buildGateway({
    deps: { ...gw.deps, lists },
    live: { refreshMs: 60_000, heartbeatMs: 60_000, closeGraceMs: 500, ...live },
  });
  onTestFinished(() => app.close());
  const url = await liveUrl(app);
  const connect = async (token = TOKENS.read) => {
    const client = await LiveTestClient.connect(url, token);
    onTestFinished(() => client.ws.terminate());
    return client;
  };
  return { app, lists, connect };
}

const errors = (client: LiveTestClient) => client.received.filter((m) => m.type === 'error');
const breachView = (limit: number) => ({ kind: 'breaches', sinceMinutes: 60, limit });

describe('live stream limits', () => {
  it("closes a token's connections over its cap with 4030, and takes one again once another has gone", async () => {
    const { app, connect } = await startGateway({ maxConnectionsPerToken: 3 });
    const held = [await connect(), await connect(), await connect()];
    const extra = await connect();
    expect(await extra.closed).toEqual({
      code: 4030,
      reason: 'too many connections for this token',
    });
    // Another token is counted apart.
    const other = await connect(TOKENS.admin);
    other.subscribe('b', breachView(5));
    await other.next((m) => m.type === 'snapshot', "the other token's snapshot");
    expect(app.live.limited.connections).toBe(1);

    held[0]!.close();
    await held[0]!.closed;
    await waitUntil(() => app.live.clients === 3, 'the closed connection to be forgotten');
    const again = await connect();
    again.subscribe('b', breachView(5));
    await again.next((m) => m.type === 'snapshot', 'a snapshot on the new connection');
  });

  it('answers messages over the rate with an error naming the limit, and closes a client that keeps on with 4029', async () => {
    const { app, connect } = await startGateway({ messagesPerSecond: 5, messageBurst: 10 });
    const client = await connect();
    // A burst within the allowance is served.
    for (let i = 0; i < 10; i++) client.subscribe('b', breachView(1 + i));
    await client.next((m) => m.type === 'snapshot', 'a snapshot');
    for (let i = 0; i < 5; i++) client.subscribe('b', breachView(50 + i));
    await client.until(() => errors(client).length === 5, 'five refusals');
    expect(errors(client)[0]!.message).toBe(
      'too many messages: at most 5 a second (bursts of 10); this one was not read',
    );
    expect(client.ws.readyState).toBe(client.ws.OPEN);

    // More than a burst's worth refused without a pause: a flood.
    for (let i = 0; i < 20; i++) client.subscribe('b', breachView(100 + i));
    expect(await client.closed).toEqual({
      code: 4029,
      reason: 'too many messages: over the rate limit',
    });
    expect(app.live.limited.floods).toBe(1);
    expect(errors(client)).toHaveLength(10);
    // Visible to Prometheus, not only to the client.
    const scrape = (await app.inject({ url: '/metrics' })).body;
    expect(app.live.limited.messages).toBeGreaterThanOrEqual(10);
    expect(scrape).toContain(
      `slawatch_websocket_limited_total{limit="messages"} ${app.live.limited.messages}`,
    );
    expect(scrape).toContain('slawatch_websocket_limited_total{limit="floods"} 1');
  });

  it('gives a client that paused its allowance back', async () => {
    // A slow refill, so that a loaded machine sending the first burst late cannot refill it.
    const { connect } = await startGateway({ messagesPerSecond: 5, messageBurst: 10 });
    const client = await connect();
    for (let i = 0; i < 12; i++) client.subscribe('b', breachView(1 + i));
    await client.until(() => errors(client).length >= 1, 'a refusal');
    const refused = errors(client).length;
    // 10 messages at 5 a second: the bucket is full again after 2 s.
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    const from = client.received.length;
    for (let i = 0; i < 10; i++) client.subscribe(`n${i}`, breachView(200 + i));
    await client.until(
      () => new Set(client.received.slice(from).map((m) => m.id)).size === 10,
      'ten snapshots',
    );
    expect(errors(client)).toHaveLength(refused);
  });

  it('drops the reads of replaced views that have not started: a re-subscribe storm runs a few reads, not one each', async () => {
    const lists = new CountedLists(20);
    const { app, connect } = await startGateway(
      {
        messagesPerSecond: 10_000,
        messageBurst: 10_000,
        maxReadsInFlight: 2,
        maxReadsPerClient: 1,
      },
      lists,
    );
    const client = await connect();
    const STORM = 300;
    for (let i = 1; i <= STORM; i++) client.subscribe('b', breachView(i));
    const last = await client.next(
      (m) => m.type === 'snapshot' && m.data?.breaches !== undefined,
      'a snapshot',
      { timeoutMs: 10_000 },
    );
    expect(last.id).toBe('b');
    await waitUntil(() => app.live.viewReads.running === 0, 'the reads to end');
    expect(app.live.views).toBe(1);
    expect(lists.reads).toBeLessThanOrEqual(5);
    expect(app.live.readsDropped).toBeGreaterThanOrEqual(STORM - 5);
  });

  it("runs at most maxReadsPerClient of one client's new views' reads at once, and reads them all", async () => {
    const lists = new CountedLists(30);
    const { connect } = await startGateway({ maxReadsInFlight: 8, maxReadsPerClient: 2 }, lists);
    const client = await connect();
    for (let i = 0; i < 10; i++) client.subscribe(`v${i}`, breachView(1 + i));
    await client.until(
      () =>
        new Set(client.received.filter((m) => m.type === 'snapshot').map((m) => m.id)).size === 10,
      'ten snapshots',
    );
    expect(lists.mostRunning).toBe(2);
    expect(lists.reads).toBe(10);
  });

  it("refuses a subscription over the token's distinct views with an error, counting views shared by its connections once", async () => {
    const { app, connect } = await startGateway({ maxViewsPerToken: 3 });
    const a = await connect();
    const b = await connect();
    a.subscribe('1', breachView(1));
    a.subscribe('2', breachView(2));
    b.subscribe('1', breachView(1));
    b.subscribe('3', breachView(3));
    await b.until(() => b.of('3').length === 1 && b.of('1').length === 1, "b's snapshots");
    b.subscribe('4', breachView(4));
    expect(await b.next((m) => m.type === 'error', 'a refusal')).toEqual({
      type: 'error',
      code: 'SLW_LIVE_VIEWS_LIMIT',
      id: '4',
      message: 'at most 3 distinct views per token: this one was not made',
    });
    // Replacing the token's only subscription to a view frees it for another.
    b.subscribe('3', breachView(4));
    await b.next(
      (m) => m.id === '3' && m.data?.breaches !== undefined && b.of('3').length === 2,
      'view 4 under id 3',
    );
    expect(app.live.limited.views).toBe(1);
    // Another token has views of its own.
    const other = await connect(TOKENS.admin);
    other.subscribe('5', breachView(5));
    await other.next((m) => m.type === 'snapshot', "the other token's snapshot");
  });

  it("keeps serving the wallboard's pattern under the default limits: four views, changed several times, again on reconnect", async () => {
    const { app } = await startGateway({});
    const url = await liveUrl(app);
    const board = (scope: string | null) => ({
      metrics: {
        kind: 'metrics',
        window: '1h',
        ...(scope ? { dimension: 'team', values: [scope] } : {}),
      },
      trend: {
        kind: 'trend',
        window: '1h',
        ...(scope ? { dimension: 'team', values: [scope] } : {}),
      },
      atRisk: { kind: 'atRisk', ...(scope ? { team: [scope] } : {}), limit: 50, paused: true },
      breaches: {
        kind: 'breaches',
        sinceMinutes: 60,
        ...(scope ? { team: [scope] } : {}),
        limit: 30,
      },
    });
    // A floor of screens sharing one token, each connecting and then changing its scope.
    const screens = await Promise.all(
      Array.from({ length: 20 }, () => LiveTestClient.connect(url, TOKENS.read)),
    );
    onTestFinished(() => screens.forEach((s) => s.ws.terminate()));
    for (const screen of screens)
      for (const scope of [null, 'emea', 'us', 'emea', null])
        for (const [id, view] of Object.entries(board(scope))) screen.subscribe(id, view);
    for (const screen of screens)
      await screen.until(
        () => ['metrics', 'trend', 'atRisk', 'breaches'].every((id) => screen.of(id).length > 0),
        'every view',
      );
    // Reconnecting subscribes the four again.
    screens[0]!.close();
    const back = await LiveTestClient.connect(url, TOKENS.read);
    onTestFinished(() => back.ws.terminate());
    for (const [id, view] of Object.entries(board('emea'))) back.subscribe(id, view);
    await back.until(
      () => back.received.filter((m) => m.type === 'snapshot').length === 4,
      'four snapshots',
    );
    expect([...screens, back].flatMap(errors)).toEqual([]);
    expect(app.live.limited).toEqual({ messages: 0, floods: 0, connections: 0, views: 0 });
  });
});
