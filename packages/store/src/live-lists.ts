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
  /** The deadline (at-risk list) or the breach instant (breach list); null while paused. */
  readonly at: string | null;
  readonly team: string;
  readonly queue: string;
  readonly priority: string;
  readonly policy: string;
  readonly assignee: string;
  /** On an at-risk list that includes paused clocks only. */
  readonly state?: 'running' | 'paused';
  /** A paused clock's business seconds left. */
  readonly remainingSeconds?: number;
}

/** Only clocks whose ticket has one of the listed values, for every dimension given. */
export type ListFilters = Partial<Record<Dimension, readonly string[]>>;

const SHOWN = ['team', 'queue', 'priority', 'policy', 'assignee'] as const;

type Entry = Pick<
  ListedClock,
  'ticketId' | 'clock' | 'cycle' | 'at' | 'state' | 'remainingSeconds'
>;

/** A sorted set's members with their scores, as entries. */
function entriesOf(flat: readonly string[], entry: (score: number) => Partial<Entry>): Entry[] {
  const out: Entry[] = [];
  for (let i = 0; i < flat.length; i += 2)
    out.push({ ...parseLiveMember(flat[i]!), at: null, ...entry(Number(flat[i + 1])) });
  return out;
}

/**
 * The live lists the gateway serves: clocks at risk now (soonest deadline first; then, if
 * asked, paused ones, least time left first) and recent breaches (newest first), filtered
 * by their tickets' dimension values. Two round trips: the lists, then the tickets'
 * dimension values from their metric contributions.
 */
export class LiveLists {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly metrics: MetricWindows,
  ) {}

  async atRisk(
    filters: ListFilters = {},
    limit = 1000,
    options: { paused?: boolean } = {},
  ): Promise<ListedClock[]> {
    const running = entriesOf(
      await this.redis.zrange(this.keys.atRisk, 0, -1, 'WITHSCORES'),
      (deadline) => ({
        at: formatInstant(deadline),
        ...(options.paused ? { state: 'running' as const } : {}),
      }),
    );
    if (!options.paused) return this.filtered(running, filters, limit);
    const paused = entriesOf(
      await this.redis.zrange(this.keys.pausedAtRisk, 0, -1, 'WITHSCORES'),
      (remainingMs) => ({ state: 'paused', remainingSeconds: Math.floor(remainingMs / 1000) }),
    );
    return this.filtered([...running, ...paused], filters, limit);
  }

  async breaches(since: number, filters: ListFilters = {}, limit = 1000): Promise<ListedClock[]> {
    const flat = await this.redis.zrevrangebyscore(this.keys.breaches, '+inf', since, 'WITHSCORES');
    return this.filtered(
      entriesOf(flat, (at) => ({ at: formatInstant(at) })),
      filters,
      limit,
    );
  }

  private async filtered(
    entries: readonly Entry[],
    filters: ListFilters,
    limit: number,
  ): Promise<ListedClock[]> {
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
      out.push({ ...e, ...shown });
      if (out.length >= limit) break;
    }
    return out;
  }
}
