import { afterAll, describe, expect, it } from 'vitest';
import { parsePolicyDocument, type PolicySet } from '@slawatch/core';
import { updateTickets, type RedisClient, type TimerQueue } from '../src/index.js';
import { STORE_TARGETS } from './store-targets.js';
import { acceptedEvent } from '@slawatch/test';
import { trackedStore } from './tracked-store.js';

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
  const { deps, metrics } = trackedStore(redis, lanes, policies, opened, 'fold');
  const teams = [...Array.from({ length: 200 }, (_, i) => `invented-${i}`), 'emea', 'us'];
  const incoming = new Map(
    teams.map((team) => {
      const subject = `T-${team}`;
      const data = { priority: 'normal', channel: 'email', team };
      return [subject, [acceptedEvent(subject, NOW - 5 * MINUTE, 'ticket.created', data)]];
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

    it('folds a later batch the same: values decided before at once, a new one asked about', async () => {
      const policies = policiesWith('metrics: { valuesPerDimension: 50 }');
      const { deps, metrics } = trackedStore(redis, target.lanes, policies, opened, 'again');
      const batch = (tickets: [id: number, team: string][]) =>
        new Map(
          tickets.map(([id, team]) => {
            const data = { priority: 'normal', channel: 'email', team };
            return [`T-${id}`, [acceptedEvent(`T-${id}`, NOW - MINUTE, 'ticket.created', data)]];
          }),
        );
      const teams = Array.from({ length: 60 }, (_, i) => `made-up-${i}`);
      await updateTickets(deps, batch(teams.map((team, i) => [i, team])), NOW);
      // The same 60 teams again (all decided before), and one team never seen, mixed.
      await updateTickets(
        deps,
        batch([...teams.map((team, i): [number, string] => [100 + i, team]), [200, 'brand-new']]),
        NOW,
      );
      const { values } = await metrics.query({ windowMs: 3_600_000, dimension: 'team' }, NOW);
      const kept = Object.keys(values).filter((t) => t !== 'other');
      expect(kept).toHaveLength(50);
      for (const team of kept) expect(values[team]).toMatchObject({ volume: { created: 2 } });
      // 10 teams refused in each batch, and the new one past the cap.
      expect(values.other).toMatchObject({ volume: { created: 21 } });
    });
  },
);
