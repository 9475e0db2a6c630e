import type { MetricUpdate } from '@slawatch/core';
import { chunked } from '../chunked.js';
import { getMany } from '../get-many.js';
import type { Keys } from '../keys.js';
import type { RedisClient } from '../redis-client.js';
import type { Listed } from './contact-changes.js';
import type { ContributionDiff } from './contribution-diff.js';
import { laneWrite, writeLanes, type LaneWrite } from './lane-writes.js';
import { formatContribution, parseContribution } from './metric-contribution.js';
import { seriesIncrements } from './sla-series.js';
import type { TicketSets } from './ticket-sets.js';

/** What a round of contributions works with: MetricWindows' parts. */
export interface ContributionRound {
  readonly redis: RedisClient;
  readonly keys: Keys;
  readonly diff: ContributionDiff;
  readonly ticketSets: TicketSets;
  /** How long a ticket that left every metric is kept for the contact lists it must leave. */
  readonly forgottenTtlMs: number;
}

/**
 * Tickets whose contributions one script applies. Each ticket's compare-and-set goes with
 * its own increments, so a batch can be cut anywhere; one script for a whole catch-up
 * batch held Redis ~80 ms, and the next batch's reads and writes waited behind it while
 * the tracker's thread sat idle (11 % of its time, bench:pipeline, issue 18). The parts'
 * reads go out together and each part's script as soon as it is built: Redis runs one
 * while the next is worked out, and other commands get in between.
 */
const TICKETS_PER_SCRIPT = 400;

/**
 * One read-compute-write round of the contributions (MetricWindows.apply). Done: each
 * update applied now or before at its version, with the contact lists it must be in and
 * leave. Again: the updates of the parts' lanes whose contributions changed since they
 * were read.
 */
export async function contributionRound(
  round: ContributionRound,
  updates: readonly MetricUpdate[],
  now: number,
): Promise<{ done: Listed[]; again: MetricUpdate[] }> {
  const parts = await Promise.all(
    chunked(updates, TICKETS_PER_SCRIPT).map((part) => contributionPart(round, part, now)),
  );
  return { done: parts.flatMap((p) => p.done), again: parts.flatMap((p) => p.again) };
}

/** contributionRound for one part: its own read, differences and script per lane. */
async function contributionPart(
  { redis, keys, diff, ticketSets, forgottenTtlMs }: ContributionRound,
  updates: readonly MetricUpdate[],
  now: number,
): Promise<{ done: Listed[]; again: MetricUpdate[] }> {
  const texts = await getMany(
    redis,
    updates.map((u) => keys.contribution(u.ticketId)),
  );
  const lanes = new Map<number, LaneWrite<MetricUpdate>>();
  const done: Listed[] = [];
  updates.forEach((update, i) => {
    const read = texts[i] ?? null;
    const old = parseContribution(read);
    if (read !== null && old.version >= update.version) {
      // Applied by an earlier round, or by this batch before a crash: its lists may not
      // be. A newer version is another batch's to list.
      if (old.version === update.version) done.push([update, old.contact, old.formers]);
      return;
    }
    if (read === null && update.metrics.dims.length === 0 && !update.seriesDims) return;
    const lane = keys.laneOf(update.ticketId);
    const write = laneWrite(lanes, lane, keys);
    const next = diff.encode(update, old, now);
    diff.diff(write.increments, lane, old, next, now);
    ticketSets.changes(write, lane, update.ticketId, old, next, now);
    seriesIncrements(write.increments, keys.laneSeries(lane), old, next, update.seriesDims);
    // A ticket that left every metric is forgotten, unless it must still leave contact
    // lists: a redelivery after a crash before the lists' step finds them here.
    const empty = next.dims.length === 0 && update.ttlMs === 0;
    const value = empty && next.formers.length === 0 ? '' : formatContribution(next);
    const ttlMs = empty ? forgottenTtlMs : update.ttlMs;
    const key = keys.contribution(update.ticketId);
    write.strings.push({ key, read, value, ttlMs });
    write.items.push(update);
    done.push([update, next.contact, next.formers]);
  });
  const again = await writeLanes(redis, lanes);
  const retried = new Set(again);
  return { done: done.filter(([u]) => !retried.has(u)), again };
}
