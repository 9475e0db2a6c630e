import type { Redis } from 'ioredis';
import {
  formatInstant,
  type AlertTransition,
  type ClockKind,
  type RiskListing,
} from '@slawatch/core';
import type { Keys } from '../keys.js';
import { alertDelta, type LiveDelta, type TicketDelta } from './live-delta.js';
import { liveMember } from './live-member.js';

/**
 * The shared lists the gateway serves (recent breaches, clocks at risk) and the live
 * delta channel. Every update is idempotent (ZADD/ZREM of the same member), so a
 * redelivered batch changes nothing; one pipeline per batch.
 */
export class LiveIndex {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly breachRetentionMs: number,
  ) {}

  /**
   * Breaches go on their list by transition (they stay listed after the clock stops); the
   * at-risk lists follow each written ticket's `listings`, the state of its clocks that
   * went at risk.
   */
  async record(
    transitions: readonly AlertTransition[],
    listings: readonly (RiskListing & { readonly ticketId: string })[],
    deletedMarks: ReadonlyMap<string, readonly string[]>,
    now: number,
  ): Promise<void> {
    if (transitions.length === 0 && listings.length === 0 && deletedMarks.size === 0) return;
    const { atRisk, pausedAtRisk, breaches } = this.keys;
    const p = this.redis.pipeline();
    for (const t of transitions) {
      if (t.type === 'sla.breached') p.zadd(breaches, t.time, liveMember(t));
      else if (t.type === 'sla.corrected') p.zrem(breaches, liveMember(t));
    }
    for (const l of listings) {
      const m = liveMember({ ticketId: l.ticketId, clock: l.clock, cycle: l.cycle });
      if (l.state === 'running') p.zadd(atRisk, l.deadline, m).zrem(pausedAtRisk, m);
      else if (l.state === 'paused') p.zadd(pausedAtRisk, l.remainingMs, m).zrem(atRisk, m);
      else p.zrem(atRisk, m).zrem(pausedAtRisk, m);
    }
    // A deleted ticket leaves every list (docs/events.md, "The clocks": deletion).
    for (const [ticketId, marks] of deletedMarks)
      for (const mark of marks) {
        const [clock, cycle] = mark.split(':');
        const m = liveMember({ ticketId, clock: clock as ClockKind, cycle: Number(cycle) });
        p.zrem(breaches, m).zrem(atRisk, m).zrem(pausedAtRisk, m);
      }
    p.zremrangebyscore(breaches, '-inf', now - this.breachRetentionMs);
    const replies = (await p.exec()) ?? [];
    const failed = replies.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  /**
   * Tells the gateways what changed. Called once the records, lists and metrics hold the
   * change, so a gateway that reads them on hearing of it sees the new state.
   */
  async publish(
    tickets: readonly TicketDelta[],
    transitions: readonly AlertTransition[],
    now: number,
  ): Promise<void> {
    if (tickets.length === 0 && transitions.length === 0) return;
    const delta: LiveDelta = {
      at: formatInstant(now),
      publishedAt: new Date().toISOString(),
      tickets,
      alerts: transitions.map(alertDelta),
    };
    await this.redis.publish(this.keys.deltas, JSON.stringify(delta));
  }
}
