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

/** Entries `offset` to `offset + count - 1` of a list, in its order. */
type PageOf = (offset: number, count: number) => Promise<Entry[]>;

/** How a list is read beyond its filters. */
export interface ListReadOptions {
  /** Stops the read between two pages (a replaced live view): it rejects with the reason. */
  readonly signal?: AbortSignal;
}

/** Most list entries one read examines, by default (`LiveLists`' `scanLimit`). */
export const DEFAULT_LIST_SCAN_LIMIT = 5_000;
/** A filtered read's pages hold at least this many entries: fewer round trips. */
const MIN_FILTERED_PAGE = 250;

/**
 * The live lists the gateway serves: clocks at risk now (soonest deadline first; then, if
 * asked, paused ones, least time left first) and recent breaches (newest first), filtered
 * by their tickets' dimension values.
 *
 * A read costs O(limit), not O(list): it reads the list a page at a time (a sorted set
 * range with a limit) and loads the dimension values of the page's tickets only, until
 * `limit` clocks matched. A filtered read (a team-limited token, a team's wallboard) may
 * need more pages: it examines at most `scanLimit` entries, so a list whose newest
 * `scanLimit` entries all belong to other teams answers with the matches among them. That
 * bound is the price of not keeping a list per team: a ticket's team, queue and priority
 * change, and per-value lists would have to move with them in the tracker's writes.
 */
export class LiveLists {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly metrics: MetricWindows,
    /** Most entries one read examines (at least 1,000, the largest `limit`). */
    private readonly scanLimit = DEFAULT_LIST_SCAN_LIMIT,
  ) {}

  async atRisk(
    filters: ListFilters = {},
    limit = 1000,
    options: { paused?: boolean } & ListReadOptions = {},
  ): Promise<ListedClock[]> {
    const running = this.pagesOf(this.keys.atRisk, (deadline) => ({
      at: formatInstant(deadline),
      ...(options.paused ? { state: 'running' as const } : {}),
    }));
    if (!options.paused) return this.collect([running], filters, limit, options.signal);
    const paused = this.pagesOf(this.keys.pausedAtRisk, (remainingMs) => ({
      state: 'paused',
      remainingSeconds: Math.floor(remainingMs / 1000),
    }));
    return this.collect([running, paused], filters, limit, options.signal);
  }

  async breaches(
    since: number,
    filters: ListFilters = {},
    limit = 1000,
    options: ListReadOptions = {},
  ): Promise<ListedClock[]> {
    const newestFirst: PageOf = async (offset, count) =>
      entriesOf(
        await this.redis.zrevrangebyscore(
          this.keys.breaches,
          '+inf',
          since,
          'WITHSCORES',
          'LIMIT',
          offset,
          count,
        ),
        (at) => ({ at: formatInstant(at) }),
      );
    return this.collect([newestFirst], filters, limit, options.signal);
  }

  /** Pages of a sorted set, lowest score first. */
  private pagesOf(key: string, entry: (score: number) => Partial<Entry>): PageOf {
    return async (offset, count) =>
      entriesOf(await this.redis.zrange(key, offset, offset + count - 1, 'WITHSCORES'), entry);
  }

  /**
   * The first `limit` entries of the lists (one after the other) whose tickets match, read
   * a page at a time, examining at most `scanLimit` entries.
   */
  private async collect(
    lists: readonly PageOf[],
    filters: ListFilters,
    limit: number,
    signal: AbortSignal | undefined,
  ): Promise<ListedClock[]> {
    const wanted = Object.entries(filters).map(
      ([d, values]) => [DIMENSIONS.indexOf(d as Dimension), new Set(values)] as const,
    );
    // Unfiltered, nearly every entry matches (all but those of tickets without dimensions).
    const pageSize = wanted.length === 0 ? limit : Math.max(limit, MIN_FILTERED_PAGE);
    const out: ListedClock[] = [];
    // Pages are read one round trip apart: an entry may shift into the next page.
    const seen = new Set<string>();
    let examined = 0;
    for (const pageOf of lists) {
      for (let offset = 0; out.length < limit && examined < this.scanLimit; offset += pageSize) {
        signal?.throwIfAborted();
        const count = Math.min(pageSize, this.scanLimit - examined);
        const page = await pageOf(offset, count);
        examined += page.length;
        signal?.throwIfAborted();
        const dims = await this.metrics.dimensionsOf(page.map((e) => e.ticketId));
        for (const e of page) {
          const member = `${e.ticketId}|${e.clock}|${e.cycle}`;
          if (seen.has(member)) continue;
          seen.add(member);
          const values = dims.get(e.ticketId);
          if (!values || !wanted.every(([d, set]) => set.has(values[d]!))) continue;
          const shown = Object.fromEntries(
            SHOWN.map((name) => [name, values[DIMENSIONS.indexOf(name)]!]),
          ) as Record<(typeof SHOWN)[number], string>;
          out.push({ ...e, ...shown });
          if (out.length >= limit) return out;
        }
        if (page.length < count) break;
      }
    }
    return out;
  }
}
