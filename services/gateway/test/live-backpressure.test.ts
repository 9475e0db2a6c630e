import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { updateTickets } from '@slawatch/store';
import { buildGateway, type LiveOptions } from '../src/index.js';
import { created, MINUTE, NOW, TOKENS, useGateway } from './gateway-fixture.js';
import {
  LiveTestClient,
  liveUrl,
  serverSocketOf,
  waitUntil,
  type LiveMessage,
} from './live-test-client.js';

// Loopback TCP takes a few MB before a socket that is not read backs up in the gateway,
// so the views here are big: at-risk lists of up to 1,000 clocks (~135 KB each).
const BULK = 1000;
const VIEWS = 30;
const SOFT = 64 * 1024;
const gw = useGateway();

beforeAll(async () => {
  const incoming = new Map(
    Array.from({ length: BULK }, (_, i) => {
      const id = `BULK-${i}`;
      return [id, [created(id, NOW - 10 * MINUTE, 'bulk')]] as const;
    }),
  );
  await updateTickets(gw.update, incoming, NOW);
});

/** Distinct views (different limits) of the same big list. */
const bulkView = (i: number) => ({ kind: 'atRisk', team: ['bulk'], limit: BULK - i });

let newest = 0;
/** A clock at risk with a deadline sooner than any other: it tops every view. */
async function changeEveryView(): Promise<string> {
  const id = `SOON-${++newest}`;
  const at = NOW - 10 * MINUTE - newest * 1000;
  await updateTickets(gw.update, new Map([[id, [created(id, at, 'bulk')]]]), NOW);
  return id;
}

const topOf = (m: LiveMessage): string | undefined => m.data?.clocks?.[0]?.ticketId;

async function startGateway(live: Partial<LiveOptions>) {
  const app = await buildGateway({
    deps: gw.deps,
    live: {
      minIntervalMs: 10,
      refreshMs: 60_000,
      heartbeatMs: 60_000,
      maxSubscriptions: VIEWS,
      softLimitBytes: SOFT,
      closeGraceMs: 10_000,
      ...live,
    },
  });
  onTestFinished(() => app.close());
  const url = await liveUrl(app);
  // Reads every message of every view: it tells when a change has been sent out.
  const witness = await LiveTestClient.connect(url, TOKENS.read);
  onTestFinished(() => witness.close());
  for (let i = 0; i < VIEWS; i++) witness.subscribe(`v${i}`, bulkView(i));
  await witness.until(() => witness.received.length === VIEWS, 'the witness snapshots');
  /** Resolves once every view has gone out with `top` first. */
  const sentOut = (top: string) =>
    witness.until(
      () =>
        Array.from({ length: VIEWS }, (_, i) => witness.of(`v${i}`).at(-1)).every(
          (m) => m && topOf(m) === top,
        ),
      `every view with ${top} first`,
      10_000,
    );
  return { app, url, witness, sentOut };
}

/** A client that subscribed to every view, then stopped reading. */
async function stalledClient(app: Awaited<ReturnType<typeof startGateway>>) {
  const slow = await LiveTestClient.connect(app.url, TOKENS.read);
  onTestFinished(() => slow.ws.terminate());
  slow.pause();
  for (let i = 0; i < VIEWS; i++) slow.subscribe(`v${i}`, bulkView(i));
  const server = serverSocketOf(app.app, slow);
  let most = 0;
  const sampler = setInterval(() => (most = Math.max(most, server.bufferedAmount)), 2);
  onTestFinished(() => clearInterval(sampler));
  return { slow, server, mostBuffered: () => most };
}

/** Changes every view until the gateway holds messages back from `server`'s client. */
async function changeUntilBackedUp(
  gateway: Awaited<ReturnType<typeof startGateway>>,
  server: { bufferedAmount: number },
): Promise<number> {
  for (let rounds = 1; rounds <= 10; rounds++) {
    await gateway.sentOut(await changeEveryView());
    if (server.bufferedAmount > SOFT) return rounds;
  }
  throw new Error('the client never backed up');
}

const largestMessage = (client: LiveTestClient) =>
  Math.max(...client.received.map((m) => Buffer.byteLength(JSON.stringify(m))));

describe('live stream and slow clients', () => {
  it('holds back a client that stops reading, and sends it only the latest state once it reads', async () => {
    const gateway = await startGateway({ hardLimitBytes: 64 * 1024 * 1024, maxBackedUpMs: 30_000 });
    const { slow, server, mostBuffered } = await stalledClient(gateway);
    const rounds = await changeUntilBackedUp(gateway, server);
    let top = '';
    for (let i = 0; i < 3; i++) await gateway.sentOut((top = await changeEveryView()));
    expect(mostBuffered()).toBeLessThanOrEqual(SOFT + largestMessage(gateway.witness));

    slow.resume();
    await slow.until(
      () =>
        Array.from({ length: VIEWS }, (_, i) => slow.of(`v${i}`).at(-1)).every(
          (m) => m && topOf(m) === top,
        ),
      'the latest state of every view',
      10_000,
    );
    for (let i = 0; i < VIEWS; i++) {
      const messages = slow.of(`v${i}`);
      expect(messages[0]!.type).toBe('snapshot');
      // A snapshot, the rounds before it backed up, then one message for the three after.
      expect(messages.length).toBeLessThanOrEqual(1 + rounds + 1);
    }
    expect(slow.ws.readyState).toBe(slow.ws.OPEN);
  });

  it('drops a client that stays backed up too long, with close code 4008', async () => {
    const gateway = await startGateway({ hardLimitBytes: 64 * 1024 * 1024, maxBackedUpMs: 300 });
    const { slow, server, mostBuffered } = await stalledClient(gateway);
    const dropped = gateway.app.live.clientsDropped;
    await changeUntilBackedUp(gateway, server);
    await waitUntil(
      () => gateway.app.live.clientsDropped === dropped + 1,
      'the slow client to be dropped',
    );
    expect(gateway.app.live.clients).toBe(1);
    expect(mostBuffered()).toBeLessThanOrEqual(SOFT + largestMessage(gateway.witness));
    slow.resume();
    expect(await slow.closed).toEqual({
      code: 4008,
      reason: 'too slow: the client did not keep up with the stream',
    });
  });

  it('drops a client that keeps writing but never reads, past the hard limit', async () => {
    const hard = 512 * 1024;
    const gateway = await startGateway({
      hardLimitBytes: hard,
      maxBackedUpMs: 60_000,
      // The answers, not the message rate, are what this test is about.
      messagesPerSecond: 1_000_000,
      messageBurst: 1_000_000,
    });
    const { slow, server, mostBuffered } = await stalledClient(gateway);
    const dropped = gateway.app.live.clientsDropped;
    await changeUntilBackedUp(gateway, server);
    // Each error answer is tiny, but nothing is ever read: the answers pile up.
    for (let i = 0; i < 20_000 && gateway.app.live.clientsDropped === dropped; i++) {
      slow.send('not json');
      if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
    }
    await waitUntil(
      () => gateway.app.live.clientsDropped === dropped + 1,
      'the client to be dropped',
    );
    expect(mostBuffered()).toBeLessThanOrEqual(hard + largestMessage(gateway.witness));
  });
});
