import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Producer } from 'kafkajs';
import { expect } from 'vitest';
import { parsePolicyDocument, simulate, type PolicySet } from '@slawatch/core';
import { createKeys, readTicketView, TicketStore } from '@slawatch/store';
import { deleteKeysByPrefix, quietKafka, uniqueGroupId, uniqueTopic } from '../../harness/index.js';
import { parseSamples, sumOf } from '../../e2e/support/prometheus-text.js';
import { waitCaughtUp } from '../../e2e/support/caught-up.js';

const POLICIES = `
policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { firstResponse: 15m, nextResponse: 30m, resolution: 4h }
    warnAt: [0.5]
  - id: rest
    targets: { firstResponse: 4h, resolution: 24h }
`;

/** What `/readyz` answered: status and each check's result (a failed request: status 0). */
export interface ReadyzAnswer {
  readonly status: number;
  readonly checks: Record<string, string>;
}

/**
 * What a fault test of a tracker process needs: its environment (own topics, group and
 * key prefix on the run's Redis), a producer, and the comparison of the tracker's final
 * state with `slawatch simulate` over the same events.
 */
export interface TrackerRig {
  /** `SLAWATCH_*` for `slawatch run`: override the brokers, ports and timeouts per test. */
  readonly env: Record<string, string>;
  produce(events: readonly object[]): Promise<void>;
  /** Waits until every ticket's stored history holds all its distinct events. */
  caughtUp(events: readonly object[], ms: number): Promise<void>;
  /** Asserts that every ticket reads as `simulate` over `events` says. */
  expectSameAsSimulate(events: readonly object[]): Promise<void>;
  close(): Promise<void>;
}

export async function trackerRig(
  name: string,
  opts: { brokers: readonly string[]; redisUrl: string },
): Promise<TrackerRig> {
  const dir = mkdtempSync(join(tmpdir(), `slawatch-${name}-`));
  const policyFile = join(dir, 'policies.yaml');
  writeFileSync(policyFile, POLICIES);
  const loaded = parsePolicyDocument(POLICIES);
  const policies = (loaded.ok ? loaded.policySet : null) as PolicySet;
  const prefix = `${name}-${Math.random().toString(36).slice(2, 8)}`;
  const topic = uniqueTopic(`${name}-events`);
  const env = {
    SLAWATCH_KAFKA_BROKERS: opts.brokers.join(','),
    SLAWATCH_REDIS_URL: opts.redisUrl,
    SLAWATCH_POLICIES: policyFile,
    SLAWATCH_TOPIC: topic,
    SLAWATCH_DLQ_TOPIC: uniqueTopic(`${name}-dlq`),
    SLAWATCH_ALERTS_TOPIC: uniqueTopic(`${name}-alerts`),
    SLAWATCH_GROUP_ID: uniqueGroupId(name),
    SLAWATCH_KEY_PREFIX: prefix,
    SLAWATCH_HTTP_HOST: '127.0.0.1',
    SLAWATCH_LOG_LEVEL: 'info',
  };
  const redis = new Redis(opts.redisUrl);
  const store = new TicketStore(redis, createKeys(prefix));
  const producer: Producer = quietKafka([...opts.brokers], `${name}-test`).producer({
    allowAutoTopicCreation: true,
  });
  await producer.connect();

  return {
    env,
    async produce(events) {
      for (let i = 0; i < events.length; i += 500)
        await producer.send({
          topic,
          messages: events
            .slice(i, i + 500)
            .map((e) => ({ key: (e as { subject: string }).subject, value: JSON.stringify(e) })),
        });
    },
    caughtUp: (events, ms) => waitCaughtUp(store, events, ms),
    async expectSameAsSimulate(events) {
      const at = Date.parse('2026-11-26T12:00:00Z');
      const expected = simulate(
        events.map((value) => ({ value })),
        policies,
        at,
      );
      expect(expected.rejected).toEqual([]);
      const byId = new Map(expected.tickets.map((t) => [t.ticketId, t]));
      for (const id of new Set((events as { subject: string }[]).map((e) => e.subject)))
        expect(await readTicketView(store, id, at, policies), id).toEqual(byId.get(id) ?? null);
    },
    async close() {
      await producer.disconnect();
      await deleteKeysByPrefix(redis, prefix);
      await deleteKeysByPrefix(redis, `{${prefix}:q}`);
      await redis.quit();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `/readyz` of `base`; a refused or timed-out request is status 0, so polls go on. */
export async function readyz(base: string): Promise<ReadyzAnswer> {
  try {
    const r = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(3000) });
    const body = (await r.json()) as { checks: Record<string, string> };
    return { status: r.status, checks: body.checks };
  } catch {
    return { status: 0, checks: {} };
  }
}

/** One sample's value from `base`'s `/metrics` (summed over the series matching `labels`). */
export async function metric(
  base: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Promise<number> {
  const res = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(3000) });
  return sumOf(parseSamples(await res.text()), name, labels);
}
