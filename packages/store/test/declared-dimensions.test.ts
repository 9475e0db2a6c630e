import { afterAll, describe, expect, it } from 'vitest';
import { parsePolicyDocument, type PolicySet } from '@slawatch/core';
import {
  createKeys,
  LiveIndex,
  MetricWindows,
  TicketStore,
  TimerQueue,
  updateTickets,
  type RedisClient,
  type UpdateDeps,
} from '../src/index.js';
import { freshPrefix, STORE_TARGETS } from './store-targets.js';

const MINUTE = 60_000;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;

const policiesWith = (metrics: string): PolicySet => {
  const r = parsePolicyDocument(`
policies:
  - { id: emea, match: { team: [emea] }, targets: { firstResponse: 1h } }
  - { id: rest, targets: { firstResponse: 4h } }
${metrics}`);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.policySet;
};

/** 200 tickets, each of a team a producer made up, plus one of emea and one of us, folded. */
async function foldTeams(
  redis: RedisClient,
  lanes: number,
  policies: PolicySet,
  /** Where the timer queue made goes, to be closed after the tests. */
  opened: TimerQueue[],
) {
  const keys = createKeys(freshPrefix('fold'), lanes);
  const timers = new TimerQueue(redis, keys);
  opened.push(timers);
  const metrics = new MetricWindows(redis, keys, policies.metrics);
  const deps: UpdateDeps = {
    store: new TicketStore(redis, keys),
    index: new LiveIndex(redis, keys, 7 * 86_400_000),
    timers,
    metrics,
    policies,
    retentionMs: 3_600_000,
    announce: () => Promise.resolve(),
  };
  const teams = [...Array.from({ length: 200 }, (_, i) => `invented-${i}`), 'emea', 'us'];
  let seq = 0;
  const incoming = new Map(
    teams.map((team) => {
      const subject = `T-${team}`;
      seq += 1;
      return [
        subject,
        [
          {
            event: {
              specversion: '1.0' as const,
              id: `e-${seq}`,
              source: 'test',
              type: 'ticket.created' as const,
              subject,
              time: new Date(NOW - 5 * MINUTE).toISOString(),
              data: { priority: 'normal' as const, channel: 'email' as const, team },
            },
            time: NOW - 5 * MINUTE,
            seq,
          },
        ],
      ];
    }),
  );
  await updateTickets(deps, incoming, NOW);
  const series = await metrics.series.read();
  return {
    seriesTeams: new Set(series.counts.map((c) => c.labels.team)),
    seen: (await metrics.valuesSeen(3_600_000, 'team', NOW)).sort(),
    report: await metrics.query({ windowMs: 3_600_000, dimension: 'team' }, NOW),
  };
}

describe.each(STORE_TARGETS)(
  'producers cannot mint metric values for a declared dimension, on $name',
  (target) => {
    const redis = target.connect();
    const opened: TimerQueue[] = [];
    afterAll(async () => {
      for (const t of opened) await t.close();
      await redis.quit();
    });
    const fold = (policies: PolicySet) => foldTeams(redis, target.lanes, policies, opened);

    it('counts 200 made-up teams as "other": Prometheus series, buckets and listed values', async () => {
      const folded = await fold(policiesWith('metrics: { dimensionValues: { team: [us] } }'));
      expect([...folded.seriesTeams].sort()).toEqual(['emea', 'other', 'us']);
      expect(folded.seen).toEqual(['emea', 'other', 'us']);
      expect(folded.report.values.other).toMatchObject({ volume: { created: 200 } });
    });

    it('keeps every team of an undeclared dimension up to the cap (1,000 by default)', async () => {
      const kept = await fold(policiesWith(''));
      expect(kept.seriesTeams.size).toBe(202);
      expect(kept.seen).toHaveLength(202);
    });

    it('counts new values of an undeclared dimension past the cap as "other"', async () => {
      const capped = await fold(policiesWith('metrics: { valuesPerDimension: 50 }'));
      expect(capped.seriesTeams.size).toBe(51);
      expect(capped.seriesTeams).toContain('other');
      expect(capped.seen).toHaveLength(51);
      const kept = [...capped.seriesTeams].filter((t) => t !== 'other');
      const others = capped.report.values.other as { volume: { created: number } };
      expect(others.volume.created).toBe(202 - kept.length);
    });
  },
);
