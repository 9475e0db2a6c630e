import type { Redis } from 'ioredis';
import { DIMENSIONS, formatInstant, type Dimension } from '@slawatch/core';
import type { Keys } from './keys.js';
import { parseLiveMember } from './live-member.js';
import type { MetricWindows } from './metric-windows.js';

/** A clock on a live list, with the dimension values of its ticket. */
export interface ListedClock {
  readonly ticketId: string;
  readonly clock: string;
  readonly cycle: number;
  /** The deadline (at-risk list) or the breach instant (breach list). */
  readonly at: string;
  readonly team: string;
  readonly queue: string;
  readonly priority: string;
  readonly policy: string;
  readonly assignee: string;
}

/** Only clocks whose ticket has one of the listed values, for every dimension given. */
export type ListFilters = Partial<Record<Dimension, readonly string[]>>;

const SHOWN = ['team', 'queue', 'priority', 'policy', 'assignee'] as const;

/**
 * The live lists the gateway serves: clocks at risk now (soonest deadline first) and recent
 * breaches (newest first), filtered by their tickets' dimension values. Two round trips:
 * the list, then the tickets' dimension values from their metric contributions.
 */
export class LiveLists {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly metrics: MetricWindows,
  ) {}

  atRisk(filters: ListFilters = {}, limit = 1000): Promise<ListedClock[]> {
    return this.list(this.keys.atRisk, false, -Infinity, filters, limit);
  }

  breaches(since: number, filters: ListFilters = {}, limit = 1000): Promise<ListedClock[]> {
    return this.list(this.keys.breaches, true, since, filters, limit);
  }

  private async list(
    key: string,
    newestFirst: boolean,
    since: number,
    filters: ListFilters,
    limit: number,
  ): Promise<ListedClock[]> {
    const flat = newestFirst
      ? await this.redis.zrevrangebyscore(key, '+inf', since, 'WITHSCORES')
      : await this.redis.zrange(key, 0, -1, 'WITHSCORES');
    const entries: { ticketId: string; clock: string; cycle: number; at: number }[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      entries.push({ ...parseLiveMember(flat[i]!), at: Number(flat[i + 1]) });
    }
    const dims = await this.metrics.dimensionsOf(entries.map((e) => e.ticketId));
    const wanted = Object.entries(filters).map(
      ([d, values]) => [DIMENSIONS.indexOf(d as Dimension), new Set(values)] as const,
    );
    const out: ListedClock[] = [];
    for (const e of entries) {
      const values = dims.get(e.ticketId);
      if (!values || !wanted.every(([d, set]) => set.has(values[d]!))) continue;
      const shown = Object.fromEntries(
        SHOWN.map((name) => [name, values[DIMENSIONS.indexOf(name)]!]),
      ) as Record<(typeof SHOWN)[number], string>;
      out.push({ ...e, at: formatInstant(e.at), ...shown });
      if (out.length >= limit) break;
    }
    return out;
  }
}
