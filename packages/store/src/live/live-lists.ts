import type { RedisClient } from '../redis-client.js';
import {
  BACKLOG,
  DIMENSIONS,
  formatInstant,
  type ClockKind,
  type Dimension,
  type SurveyKind,
} from '@slawatch/core';
import type {
  FollowUp,
  ListedClock,
  ListedOutcome,
  ListedTicket,
  OpenStatus,
} from '@slawatch/wire';
import { mergedMember, mergedPages, type SetPage } from './merged-pages.js';
import { OUTCOMES, outcomesOf, parseOutcomeField } from '../metrics/ticket-sets.js';
import type { Keys } from '../keys.js';
import { parseFollowUpMember } from './follow-up-member.js';
import { parseLiveMember, ticketOfLiveMember } from './live-member.js';
import type { MetricWindows } from '../metrics/metric-windows.js';

/** A clock on a live list, with the dimension values of its ticket: what crosses the wire. */
export type { ListedClock };
/** A low survey on the follow-up list, with the dimension values of its ticket. */
export type { FollowUp };

/** Only entries whose ticket has one of the listed values, for every dimension given. */
export type ListFilters = Partial<Record<Dimension, readonly string[]>>;

/** Where the dimension values a listed entry shows are in a ticket's values. */
const TEAM = DIMENSIONS.indexOf('team');
const QUEUE = DIMENSIONS.indexOf('queue');
const PRIORITY = DIMENSIONS.indexOf('priority');
const POLICY = DIMENSIONS.indexOf('policy');
const ASSIGNEE = DIMENSIONS.indexOf('assignee');

/** Which open tickets a `tickets` read lists. */
export type OpenTicketsAsked =
  { readonly statuses: readonly OpenStatus[] } | { readonly breached: true };

/** Which finished clocks an `outcomes` read lists (every kind and both outcomes by default). */
export interface OutcomesAsked {
  readonly clock?: readonly ClockKind[];
  readonly outcome?: 'met' | 'breached';
}

/** The dimension values every listed entry shows, `-` for none. */
type Shown = Pick<ListedClock, 'team' | 'queue' | 'priority' | 'policy'> & {
  readonly assignee: string;
};

/** What a list's score says of a clock: its instant, or a paused clock's time left. */
type Scored = Pick<ListedClock, 'at' | 'state' | 'remainingSeconds'>;

/**
 * One list: its entries `offset` to `offset + count - 1` in its order, as a sorted set's
 * flat `[member, score, ...]` reply, and how an entry reads.
 */
interface List<T> {
  page(offset: number, count: number): Promise<string[]>;
  /** The ticket of an entry, or null to pass over it without loading its ticket's values. */
  ticketOf(member: string): string | null;
  entry(member: string, score: number, shown: Shown): T;
}

/** How a list is read beyond its filters. */
export interface ListReadOptions {
  /** Stops the read after its next round trip (a replaced live view): it rejects with the reason. */
  readonly signal?: AbortSignal;
}

/** Most list entries one read examines, by default (`LiveLists`' `scanLimit`). */
export const DEFAULT_LIST_SCAN_LIMIT = 5_000;
const MINUTE = 60_000;
/** Minutes of finished clocks read in one round trip (every lane's hash of each). */
const MINUTES_A_READ = 30;
/** A filtered read's pages hold at least this many entries: fewer round trips. */
const MIN_FILTERED_PAGE = 250;

/**
 * The live lists the gateway serves: clocks at risk now (soonest deadline first; then, if
 * asked, paused ones, least time left first), recent breaches and recent low survey
 * scores to follow up (both newest first), filtered by their tickets' dimension values.
 *
 * A read costs O(limit), not O(list): it reads the list a page at a time (a sorted set
 * range with a limit) and loads the dimension values of the page's tickets only, until
 * `limit` entries matched. A filtered read (a team-limited token, a team's wallboard) may
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
    const running = this.clocks(
      (offset, count) =>
        this.redis.zrange(this.keys.atRisk, offset, offset + count - 1, 'WITHSCORES'),
      (deadline) =>
        options.paused
          ? { at: formatInstant(deadline), state: 'running' }
          : { at: formatInstant(deadline) },
    );
    if (!options.paused) return this.collect([running], filters, limit, options.signal);
    const paused = this.clocks(
      (offset, count) =>
        this.redis.zrange(this.keys.pausedAtRisk, offset, offset + count - 1, 'WITHSCORES'),
      (remainingMs) => ({
        at: null,
        state: 'paused',
        remainingSeconds: Math.floor(remainingMs / 1000),
      }),
    );
    return this.collect([running, paused], filters, limit, options.signal);
  }

  async breaches(
    since: number,
    filters: ListFilters = {},
    limit = 1000,
    options: { clock?: readonly ClockKind[] } & ListReadOptions = {},
  ): Promise<ListedClock[]> {
    const { clock } = options;
    const newestFirst = this.clocks(
      (offset, count) =>
        this.redis.zrevrangebyscore(
          this.keys.breaches,
          '+inf',
          since,
          'WITHSCORES',
          'LIMIT',
          offset,
          count,
        ),
      (at) => ({ at: formatInstant(at) }),
      clock,
    );
    return this.collect([newestFirst], filters, limit, options.signal);
  }

  /** The low survey scores since `since`, newest first; only of `survey`'s kind if given. */
  async followUps(
    since: number,
    filters: ListFilters = {},
    limit = 1000,
    options: { survey?: SurveyKind } & ListReadOptions = {},
  ): Promise<FollowUp[]> {
    const { survey } = options;
    const newestFirst: List<FollowUp> = {
      page: (offset, count) =>
        this.redis.zrevrangebyscore(
          this.keys.followUps,
          '+inf',
          since,
          'WITHSCORES',
          'LIMIT',
          offset,
          count,
        ),
      ticketOf: (member) => {
        const f = parseFollowUpMember(member);
        return survey === undefined || f.kind === survey ? f.ticketId : null;
      },
      entry: (member, at, shown) => {
        const { ticketId, kind, score } = parseFollowUpMember(member);
        return { ticketId, ...shown, kind, score, at: formatInstant(at) };
      },
    };
    return this.collect([newestFirst], filters, limit, options.signal);
  }

  /**
   * Open tickets behind a "now" count, oldest first: those of the statuses asked (the
   * backlog), or those with a breached clock running. Read from each metric lane's set
   * (metrics/ticket-sets.ts), merged in order.
   */
  async tickets(
    asked: OpenTicketsAsked,
    filters: ListFilters = {},
    limit = 1000,
    options: ListReadOptions = {},
  ): Promise<ListedTicket[]> {
    const sets =
      'breached' in asked
        ? [{ code: 'gb', status: undefined }]
        : asked.statuses.map((status) => ({ code: BACKLOG[status]!, status }));
    const sources = sets.flatMap(({ code }) =>
      this.laneSets(code).map(
        (key): SetPage =>
          (start, count) =>
            this.redis.zrange(key, start, start + count - 1, 'WITHSCORES'),
      ),
    );
    const lanes = this.keys.lanes;
    const list: List<ListedTicket> = {
      page: mergedPages(sources, false),
      ticketOf: (entry) => mergedMember(entry)[1],
      entry: (entry, since, shown) => {
        const [source, ticketId] = mergedMember(entry);
        const status = sets[Math.floor(source / lanes)]!.status;
        return {
          ticketId,
          ...(status ? { status } : {}),
          since: formatInstant(since),
          ...shown,
        };
      },
    };
    return this.collect([list], filters, limit, options.signal);
  }

  /**
   * Clocks that finished met or breached in the minutes from `since` to `until`, newest
   * first (in a minute, by ticket), as far back as the per-minute span keeps them
   * (metrics/ticket-sets.ts): read a few minutes' hashes at a time, every lane's at once.
   */
  async outcomes(
    since: number,
    until: number,
    asked: OutcomesAsked = {},
    filters: ListFilters = {},
    limit = 1000,
    options: ListReadOptions = {},
  ): Promise<ListedOutcome[]> {
    const kept = (code: string) => {
      const o = OUTCOMES.get(code);
      if (!o) return false;
      return (
        (asked.clock === undefined || asked.clock.includes(o.clock)) &&
        (asked.outcome === undefined || asked.outcome === o.outcome)
      );
    };
    const first = Math.ceil(since / MINUTE);
    let minute = Math.floor(until / MINUTE);
    const buffer: string[] = [];
    // Each page: whole minutes, newest first, until it holds `count` entries or none are left.
    const page = async (_offset: number, count: number): Promise<string[]> => {
      while (buffer.length / 2 < count && minute >= first) {
        const minutes: number[] = [];
        for (; minutes.length < MINUTES_A_READ && minute >= first; minute--) minutes.push(minute);
        const hashes = await Promise.all(
          minutes.flatMap((m) => this.laneSets(outcomesOf(m)).map((key) => this.redis.hkeys(key))),
        );
        minutes.forEach((m, i) => {
          const fields = hashes.slice(i * this.keys.lanes, (i + 1) * this.keys.lanes).flat();
          // The minute leads each entry: a field names one clock within its minute only.
          for (const field of fields.sort()) buffer.push(`${m}\n${field}`, String(m * MINUTE));
        });
      }
      return buffer.splice(0, count * 2);
    };
    const list: List<ListedOutcome> = {
      page,
      ticketOf: (entry) => {
        const o = parseOutcomeField(entry.slice(entry.indexOf('\n') + 1));
        return kept(o.code) ? o.ticketId : null;
      },
      entry: (entry, at, shown) => {
        const o = parseOutcomeField(entry.slice(entry.indexOf('\n') + 1));
        const { clock, outcome } = OUTCOMES.get(o.code)!;
        return { ticketId: o.ticketId, clock, outcome, at: formatInstant(at), ...shown };
      },
    };
    return this.collect([list], filters, limit, options.signal);
  }

  /** The keys of one ticket set in every metric lane. */
  private laneSets(name: string): string[] {
    return Array.from({ length: this.keys.lanes }, (_, lane) => this.keys.ticketSet(lane, name));
  }

  /** A list of clocks (members `ticket|clock|cycle`) and what its scores say. */
  private clocks(
    page: List<ListedClock>['page'],
    scored: (score: number) => Scored,
    /** Only clocks of these kinds (all when absent). */
    kinds?: readonly ClockKind[],
  ): List<ListedClock> {
    return {
      page,
      ticketOf: kinds
        ? (member) => {
            const c = parseLiveMember(member);
            return kinds.includes(c.clock) ? c.ticketId : null;
          }
        : ticketOfLiveMember,
      entry: (member, score, shown) => ({ ...parseLiveMember(member), ...scored(score), ...shown }),
    };
  }

  /**
   * The first `limit` entries of the lists (one after the other) whose tickets match, read
   * a page at a time, examining at most `scanLimit` entries.
   */
  private async collect<T>(
    lists: readonly List<T>[],
    filters: ListFilters,
    limit: number,
    signal: AbortSignal | undefined,
  ): Promise<T[]> {
    const wanted = Object.entries(filters).map(
      ([d, values]) => [DIMENSIONS.indexOf(d as Dimension), new Set(values)] as const,
    );
    // Unfiltered, nearly every entry matches (all but those of tickets without dimensions).
    const pageSize = wanted.length === 0 ? limit : Math.max(limit, MIN_FILTERED_PAGE);
    const out: T[] = [];
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
        const ids: (string | null)[] = [];
        for (let i = 0; i < flat.length; i += 2) ids.push(list.ticketOf(flat[i]!));
        const dims = await this.metrics.dimensionsOf(ids.filter((id) => id !== null));
        signal?.throwIfAborted();
        // Only the entries listed are parsed and formatted: a filtered scan skips most.
        for (let i = 0; i < flat.length; i += 2) {
          const member = flat[i]!;
          if (seen.has(member)) continue;
          seen.add(member);
          const id = ids[i / 2];
          const values = id === null || id === undefined ? undefined : dims.get(id);
          if (!values || !wanted.every(([d, set]) => set.has(values[d]!))) continue;
          out.push(
            list.entry(member, Number(flat[i + 1]), {
              team: values[TEAM]!,
              queue: values[QUEUE]!,
              priority: values[PRIORITY]!,
              policy: values[POLICY]!,
              assignee: values[ASSIGNEE]!,
            }),
          );
          if (out.length >= limit) return out;
        }
        if (entries < count) break;
      }
    }
    return out;
  }
}
