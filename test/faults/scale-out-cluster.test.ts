import { describe, expect, it, onTestFinished } from 'vitest';
import { simulate, type TicketView } from '@slawatch/core';
import {
  startRedisCluster,
  uniqueTopic,
  type FailoverResult,
  type RedisCluster,
  startPartitionedKafka,
  type PartitionedKafka,
} from '../harness/index.js';
import { referenceTickets } from '../e2e/support/reference-metrics.js';
import { waitUntil } from '../e2e/support/wait-until.js';
import { faultSeed } from './support/fault-seed.js';
import { startFaultStack, type FaultStack, type StackProcess } from './support/fault-stack.js';
import { floorStream, type FloorStream } from './support/floor-stream.js';
import {
  expectGatewayMetrics,
  expectGatewayViews,
  scrapeAll,
  slaTotals,
  slaTotalsOf,
} from './support/gateway-checks.js';
import { expectBreachesDelivered, referenceOf } from './support/reference-check.js';
import { metric } from './support/tracker-rig.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

const ADMIN = 'scale-out-admin-token-0123456789';
const TICKETS = 2_000;
const PARTITIONS = 6;

/**
 * A floor stream of at least `tickets` tickets. The floor's rate follows the hour of day
 * in its teams' time zones, so the rate is raised until the stream is big enough.
 */
function streamOf(tickets: number, seed: number): FloorStream {
  let rate = 8;
  for (;;) {
    const stream = floorStream(seed, 20, rate);
    const count = new Set(stream.events.map((e) => (e as { subject: string }).subject)).size;
    if (count >= tickets) return stream;
    rate = Math.ceil(rate * (tickets / count) * 1.1);
  }
}

/** The last `n` warnings and errors a process logged itself (kafkajs' own lines left out). */
function problems(p: StackProcess, n: number): string[] {
  return p
    .output()
    .split('\n')
    .filter((line) => /"level":[45]0/.test(line) && !line.includes('"logger":"kafkajs"'))
    .slice(-n);
}

const distinctEvents = (events: readonly object[]) =>
  new Set(
    events.map((e) => JSON.stringify([(e as { source: string }).source, (e as { id: string }).id])),
  ).size;

/**
 * The distinct events `slawatch_events_total` counts: those of tickets created in the
 * stream (docs/metrics.md: a ticket's events count under its labels, which its
 * `ticket.created` gives; one never created has none).
 */
const countedEvents = (events: readonly object[]) => {
  const created = new Set(
    events.flatMap((e) => {
      const { type, subject } = e as { type: string; subject: string };
      return type === 'ticket.created' ? [subject] : [];
    }),
  );
  return distinctEvents(events.filter((e) => created.has((e as { subject: string }).subject)));
};

describe('scaled out on a Redis Cluster: 3 trackers, 2 alerters, 2 gateways, 6 partitions', () => {
  it('ends equal to simulate and the plain reference with a tracker SIGKILLed and a master failed over mid-stream', async () => {
    const seed = faultSeed('scale-out cluster');
    const t0 = performance.now();
    // Where a slow or stuck run is, in the output of a failure.
    const step = (what: string) =>
      console.log(`scale-out +${((performance.now() - t0) / 1000).toFixed(1)} s: ${what}`);
    const stream = streamOf(TICKETS, seed);
    const topics = {
      events: uniqueTopic('scale-out-events'),
      dlq: uniqueTopic('scale-out-dlq'),
      alerts: uniqueTopic('scale-out-alerts'),
    };
    const up: {
      cluster?: RedisCluster;
      kafka?: PartitionedKafka;
      receiver?: WebhookReceiver;
      stack?: FaultStack;
    } = {};
    // One clean-up, in this order: the processes and kafkajs clients leave before the
    // brokers and the cluster they talk to go.
    onTestFinished(async () => {
      await up.stack?.stop();
      await up.kafka?.stop();
      await up.cluster?.stop();
      await up.receiver?.stop();
    });
    const [cluster, kafka, receiver] = await Promise.all([
      startRedisCluster().then((c) => (up.cluster = c)),
      startPartitionedKafka(3, { [topics.events]: PARTITIONS }).then((k) => (up.kafka = k)),
      WebhookReceiver.start().then((r) => (up.receiver = r)),
    ]);
    const stack = await startFaultStack('scale-out', {
      redisCluster: cluster.seeds,
      brokers: kafka.brokers,
      topics,
      hookUrl: receiver.url,
      env: {
        SLAWATCH_REDIS_MIN_REPLICAS: '1',
        SLAWATCH_ADMIN_TOKEN: ADMIN,
        // Every ticket is read once through the gateways, from one address.
        SLAWATCH_RATE_LIMIT: '1000000',
      },
    });
    up.stack = stack;
    step('cluster, brokers and stack up');
    const [trackers, alerters, gateways] = await Promise.all([
      Promise.all([1, 2, 3].map(() => stack.start('tracker'))),
      Promise.all([1, 2].map(() => stack.start('alerter'))),
      Promise.all([1, 2].map(() => stack.start('gateway'))),
    ]);
    expect(alerters).toHaveLength(2);
    step('3 trackers, 2 alerters, 2 gateways running');
    const gatewayUrls = gateways.map((g) => g.opsUrl);
    const total = stream.events.length;
    const half = Math.floor(total / 2);

    // (a) A tracker SIGKILLed once the group is committing the first half; it stays dead,
    // so the other two take its partitions over when its session times out.
    const began = performance.now();
    await stack.produce(stream.events.slice(0, half));
    await waitUntil(
      async () => (await stack.committedCount()) >= total * 0.15,
      120_000,
      'the trackers to commit 15 % of the stream',
    );
    const killed: StackProcess = trackers[0]!;
    killed.child.kill('SIGKILL');
    expect((await killed.exited).signal).toBe('SIGKILL');
    const atKill = await stack.committedCount();
    step(`tracker SIGKILLed at ${atKill}/${total} committed`);
    await stack.produce(stream.events.slice(half));

    // (b) The master of slot 0 killed (kill -9) once half is committed; its replica takes
    // over while the trackers keep writing.
    await waitUntil(
      async () => (await stack.committedCount()) >= total * 0.5,
      120_000,
      'the trackers to commit half the stream',
    );
    const atFailover = await stack.committedCount();
    const failover: FailoverResult = await cluster.failover();
    step(`master ${failover.killedPort} failed over in ${failover.tookMs} ms`);
    // With SLAWATCH_REDIS_MIN_REPLICAS=1 the promoted master, which has no replica, takes no
    // batch until the killed node is back (as a replica), as a supervisor would bring it.
    await cluster.restartNode(failover.killedPort);
    step(`${failover.killedPort} back as a replica`);
    await stack.waitCommitted(150_000).catch((error: unknown) => {
      // What kept the survivors from committing, in their own words.
      for (const t of trackers.slice(1)) console.log(problems(t, 5).join('\n'));
      throw error;
    });
    step('every event committed');
    const caughtUpS = (performance.now() - began) / 1000;

    // Every ticket, read through the gateways, is what simulate says.
    const compared = await expectGatewayViews(gatewayUrls, ADMIN, stream.events, stack.policies);
    expect(compared).toBeGreaterThanOrEqual(TICKETS);
    step(`${compared} views equal simulate`);

    // The 24h metrics equal the plain reference over the raw events.
    const sim = simulate(
      stream.events.map((value) => ({ value })),
      stack.policies,
      Date.now(),
    );
    expect(sim.rejected).toEqual([]);
    const views = new Map<string, TicketView>(sim.tickets.map((t) => [t.ticketId, t]));
    const reference = referenceTickets(stream.events, views);
    const day = stack.policies.metrics.windows.find((w) => w.name === '24h');
    expect(day).toBeDefined();
    await expectGatewayMetrics(
      gatewayUrls[1]!,
      ADMIN,
      day!,
      reference,
      stack.policies.metrics.furtherClocks,
    );
    step('24h metrics equal the reference');

    // Every breach reached sla.alerts (and the webhook), at least once.
    const ref = referenceOf(stream, stack.policies);
    await expectBreachesDelivered(ref, stack.alerts, receiver, 60_000);
    step('every breach on sla.alerts and at the webhook');

    // The gateways' /metrics: one exports the SLA series, and their sum is the reference.
    const scrapes = await scrapeAll(gatewayUrls);
    expect(
      scrapes.map((s) => s.find((x) => x.name === 'slawatch_sla_exporter')?.value).sort(),
    ).toEqual([0, 1]);
    const distinct = distinctEvents(stream.events);
    const want = slaTotals(reference, distinct);
    const got = slaTotalsOf(scrapes.flat());
    expect({ open: got.open, atRisk: got.atRisk, openBreached: got.openBreached }).toEqual({
      open: want.open,
      atRisk: want.atRisk,
      openBreached: want.openBreached,
    });
    // Breaches are counted as announced, and never taken back (docs/metrics.md): a stream
    // folded hours after its event time announces clocks that a later event then meets,
    // so the counters hold at least every breach of the final views.
    for (const clock of ['firstResponse', 'nextResponse', 'resolution'] as const)
      expect(got.breaches[clock], clock).toBeGreaterThanOrEqual(want.breaches[clock]);
    // Every distinct event stored once across the kill and the failover, none counted twice.
    const ids = [...new Set(stream.events.map((e) => (e as { subject: string }).subject))];
    const records = await stack.store.load(ids);
    const stored = [...records.values()].reduce((n, r) => n + r.history.length, 0);
    expect(stored).toBe(distinct);
    expect(got.events).toBe(countedEvents(stream.events));

    const survivors = trackers.slice(1);
    const failures = await Promise.all(
      survivors.map((t) => metric(t.opsUrl, 'slawatch_tracker_batch_failures_total')),
    );
    const restarts = await Promise.all(
      survivors.map((t) => metric(t.opsUrl, 'slawatch_tracker_consumer_restarts_total')),
    );
    console.log(
      `scale-out on a Redis Cluster (seed ${seed}): ${ref.views.size} tickets, ${total} events ` +
        `(${distinct} distinct, ${got.events} on slawatch_events_total), ${ref.breaches.size} breaches ` +
        `(${want.breaches.firstResponse + want.breaches.nextResponse + want.breaches.resolution} ` +
        `in the views now, ${got.breaches.firstResponse + got.breaches.nextResponse + got.breaches.resolution} ` +
        `announced), ${stack.alerts.length} alerts; tracker SIGKILLed at ${atKill}/${total} committed (left dead), ` +
        `master ${failover.killedPort} failed over to ${failover.promotedPort} at ${atFailover}/${total} ` +
        `in ${(failover.tookMs / 1000).toFixed(1)} s; all committed ${caughtUpS.toFixed(1)} s after the first event; ` +
        `batches failed and retried by the surviving trackers: ${failures.join(' + ')}, ` +
        `consumer restarts ${restarts.join(' + ')}`,
    );
  });
});
