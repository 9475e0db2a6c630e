import type { RedisClient } from '../redis-client.js';
import {
  formatInstant,
  type AlertTransition,
  type ClockKind,
  type FollowUpListing,
  type RiskListing,
} from '@slawatch/core';
import type { Keys } from '../keys.js';
import { followUpMember } from './follow-up-member.js';
import { alertDelta } from './live-delta.js';
import { liveMember } from './live-member.js';
import { SortedSetWrites } from './sorted-set-writes.js';

/**
 * The shared lists the gateway serves (recent breaches, clocks at risk, low survey scores
 * to follow up) and the live delta channel. Every update is idempotent (ZADD/ZREM of the
 * same member), so a redelivered batch changes nothing; a batch's changes go as one ZADD
 * and one ZREM per list, sent together (each list is a slot of its own on a cluster, so
 * not as one pipeline, which must stay on one node).
 */
export class LiveIndex {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    /** How long breaches and low surveys stay listed (SLAWATCH_RETENTION). */
    private readonly retentionMs: number,
  ) {}

  /**
   * Breaches go on their list by transition (they stay listed after the clock stops); the
   * at-risk lists follow each written ticket's `listings`, the state of its clocks that
   * went at risk; the follow-up list each written ticket's `followUps`, its low surveys.
   */
  async record(
    transitions: readonly AlertTransition[],
    listings: readonly (RiskListing & { readonly ticketId: string })[],
    followUps: readonly (FollowUpListing & { readonly ticketId: string })[],
    deletedMarks: ReadonlyMap<string, readonly string[]>,
    now: number,
  ): Promise<void> {
    if (
      transitions.length === 0 &&
      listings.length === 0 &&
      followUps.length === 0 &&
      deletedMarks.size === 0
    )
      return;
    const { atRisk, pausedAtRisk, breaches } = this.keys;
    const w = new SortedSetWrites();
    for (const t of transitions) {
      if (t.type === 'sla.breached') w.add(breaches, liveMember(t), t.time);
      else if (t.type === 'sla.corrected') w.remove(breaches, liveMember(t));
    }
    for (const l of listings) {
      const m = liveMember({ ticketId: l.ticketId, clock: l.clock, cycle: l.cycle });
      if (l.state === 'running') {
        w.add(atRisk, m, l.deadline);
        w.remove(pausedAtRisk, m);
      } else if (l.state === 'paused') {
        w.add(pausedAtRisk, m, l.remainingMs);
        w.remove(atRisk, m);
      } else {
        w.remove(atRisk, m);
        w.remove(pausedAtRisk, m);
      }
    }
    // A deleted ticket leaves every list (docs/events.md, "The clocks": deletion).
    for (const [ticketId, marks] of deletedMarks)
      for (const mark of marks) {
        const [clock, cycle] = mark.split(':');
        const m = liveMember({ ticketId, clock: clock as ClockKind, cycle: Number(cycle) });
        for (const key of [breaches, atRisk, pausedAtRisk]) w.remove(key, m);
      }
    // The member is the survey's, so a replayed batch adds nothing and a re-survey adds one.
    for (const f of followUps) {
      const m = followUpMember(f.ticketId, f);
      if (f.listed) w.add(this.keys.followUps, m, f.at);
      else w.remove(this.keys.followUps, m);
    }
    const p = w.send(this.redis);
    // After the additions: a breach older than the retention is not listed at all.
    const cutoff = now - this.retentionMs;
    p.push(this.redis.zremrangebyscore(breaches, '-inf', cutoff));
    p.push(this.redis.zremrangebyscore(this.keys.followUps, '-inf', cutoff));
    await Promise.all(p);
  }

  /**
   * Tells the gateways what changed. Called once the records, lists and metrics hold the
   * change, so a gateway that reads them on hearing of it sees the new state. `tickets`
   * are the changed tickets' TicketDeltas, each as JSON already (update-tickets.ts).
   */
  async publish(
    tickets: readonly string[],
    transitions: readonly AlertTransition[],
    now: number,
  ): Promise<void> {
    if (tickets.length === 0 && transitions.length === 0) return;
    const head = JSON.stringify({ at: formatInstant(now), publishedAt: new Date().toISOString() });
    const alerts = JSON.stringify(transitions.map(alertDelta));
    // A LiveDelta, its tickets spliced in as they are.
    const delta = `${head.slice(0, -1)},"tickets":[${tickets.join(',')}],"alerts":${alerts}}`;
    await this.redis.publish(this.keys.deltas, delta);
  }
}
