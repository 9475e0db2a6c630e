import type { RedisClient } from '../redis-client.js';
import { DIMENSIONS, formatInstant, type Dimension } from '@slawatch/core';
import type { ListedClock } from '@slawatch/wire';
import type { Keys } from '../keys.js';
import { parseLiveMember, ticketOfLiveMember } from './live-member.js';
import type { MetricWindows } from '../metrics/metric-windows.js';

/** A clock on a live list, with the dimension values of its ticket: what crosses the wire. */
export type { ListedClock };

/** Only clocks whose ticket has one of the listed values, for every dimension given. */
export type ListFilters = Partial<Record<Dimension, readonly string[]>>;

/** Where the dimension values a listed clock shows are in a ticket's values. */
const TEAM = DIMENSIONS.indexOf('team');
const QUEUE = DIMENSIONS.indexOf('queue');
const PRIORITY = DIMENSIONS.indexOf('priority');
const POLICY = DIMENSIONS.indexOf('policy');
const ASSIGNEE = DIMENSIONS.indexOf('assignee');

/** What a list's score says of an entry: its instant, or a paused clock's time left. */
type Scored = Pick<ListedClock, 'at' | 'state' | 'remainingSeconds'>;

/**
 * One list: its entries `offset` to `offset + count - 1` in its order, as a sorted set's
 * flat `[member, score, ...]` reply, and what a score means.
 */
interface List {
  page(offset: number, count: number): Promise<string[]>;
  scored(score: number): Scored;
}

/** How a list is read beyond its filters. */
export interface ListReadOptions {
  /** Stops the read after its next round trip (a replaced live view): it rejects with the reason. */
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
    private readonly redis: RedisClient,
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
    const running = this.lowestFirst(this.keys.atRisk, (deadline) =>
      options.paused
        ? { at: formatInstant(deadline), state: 'running' }
        : { at: formatInstant(deadline) },
    );
    if (!options.paused) return this.collect([running], filters, limit, options.signal);
    const paused = this.lowestFirst(this.keys.pausedAtRisk, (remainingMs) => ({
      at: null,
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
    const newestFirst: List = {
      page: (offset, count) =>
        this.redis.zrevrangebyscore(
          this.keys.breaches,
          '+inf',
          since,
          'WITHSCORES',
          'LIMIT',
          offset,
          count,
        ),
      scored: (at) => ({ at: formatInstant(at) }),
    };
    return this.collect([newestFirst], filters, limit, options.signal);
  }

  /** A sorted set, lowest score first. */
  private lowestFirst(key: string, scored: (score: number) => Scored): List {
    return {
      page: (offset, count) => this.redis.zrange(key, offset, offset + count - 1, 'WITHSCORES'),
      scored,
    };
  }

  /**
   * The first `limit` entries of the lists (one after the other) whose tickets match, read
   * a page at a time, examining at most `scanLimit` entries.
   */
  private async collect(
    lists: readonly List[],
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
    for (const list of lists) {
      for (let offset = 0; out.length < limit && examined < this.scanLimit; offset += pageSize) {
        signal?.throwIfAborted();
        const count = Math.min(pageSize, this.scanLimit - examined);
        const flat = await list.page(offset, count);
        const entries = flat.length / 2;
        examined += entries;
        signal?.throwIfAborted();
        const ids: string[] = [];
        for (let i = 0; i < flat.length; i += 2) ids.push(ticketOfLiveMember(flat[i]!));
        const dims = await this.metrics.dimensionsOf(ids);
        signal?.throwIfAborted();
        // Only the entries listed are parsed and formatted: a filtered scan skips most.
        for (let i = 0; i < flat.length; i += 2) {
          const member = flat[i]!;
          if (seen.has(member)) continue;
          seen.add(member);
          const values = dims.get(ids[i / 2]!);
          if (!values || !wanted.every(([d, set]) => set.has(values[d]!))) continue;
          out.push({
            ...parseLiveMember(member),
            ...list.scored(Number(flat[i + 1])),
            team: values[TEAM]!,
            queue: values[QUEUE]!,
            priority: values[PRIORITY]!,
            policy: values[POLICY]!,
            assignee: values[ASSIGNEE]!,
          });
          if (out.length >= limit) return out;
        }
        if (entries < count) break;
      }
    }
    return out;
  }
}
