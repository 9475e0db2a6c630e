import type { DigestFigures } from '@slawatch/core';
import type { Keys } from '../keys.js';
import type { RedisClient } from '../redis-client.js';

/** The headline of a digest sent, kept to compare the next period with. */
export interface SentHeadline {
  /** The period it reported, `[from, to)` in ms. */
  readonly from: number;
  readonly to: number;
  readonly figures: DigestFigures;
}

/** How long a sent headline is kept: a weekly digest's, past a missed week or two. */
export const HEADLINE_TTL_MS = 40 * 86_400_000;

/**
 * What the alerters share about scheduled digests, in Redis: a claim per digest slot
 * (`SET NX`), so that one alerter computes and queues it, and the headline last sent per
 * digest and team. A claim is a lease until the digest is queued, then a mark kept past
 * the slot's period: an alerter that died between the two leaves the slot to the next
 * round once the lease ends (the notifications' ids are the same, so nothing goes twice).
 */
export class DigestLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /** Takes the slot `key` (digestKey) for `leaseMs`; false when it is taken or was sent. */
  async claim(key: string, leaseMs: number): Promise<boolean> {
    return (await this.redis.set(this.keys.digest(key), 'sending', 'PX', leaseMs, 'NX')) === 'OK';
  }

  /** Marks the slot sent, for `keepMs` (longer than a period: it is never due again). */
  async sent(key: string, keepMs: number): Promise<void> {
    await this.redis.set(this.keys.digest(key), 'sent', 'PX', keepMs);
  }

  /** Gives a claimed slot back (its digest could not be computed): a later round tries it. */
  async release(key: string): Promise<void> {
    await this.redis.del(this.keys.digest(key));
  }

  /** The headline last sent by digest `digest` for `team`, or null. */
  async lastHeadline(digest: string, team: string): Promise<SentHeadline | null> {
    const text = await this.redis.get(this.headlineKey(digest, team));
    return text === null ? null : (JSON.parse(text) as SentHeadline);
  }

  /** Keeps `headline` as the last one sent, unless a later period's is kept already. */
  async keepHeadline(digest: string, team: string, headline: SentHeadline): Promise<void> {
    const kept = await this.lastHeadline(digest, team);
    if (kept !== null && kept.to > headline.to) return;
    await this.redis.set(
      this.headlineKey(digest, team),
      JSON.stringify(headline),
      'PX',
      HEADLINE_TTL_MS,
    );
  }

  private headlineKey(digest: string, team: string): string {
    return this.keys.digest(`last:${JSON.stringify([digest, team])}`);
  }
}
