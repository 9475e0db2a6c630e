import {
  BACKLOG,
  BREACHED,
  BUCKET_DIMENSIONS,
  CLOCK_KINDS,
  MET,
  type ClockKind,
} from '@slawatch/core';
import type { Keys } from '../keys.js';
import type { Contribution } from './metric-contribution.js';
import { setWrite, type LaneWrite } from './lane-writes.js';

const MINUTE = 60_000;

/**
 * The gauges whose tickets are kept as sets for the drill-down: the backlog by status and
 * the open tickets with a breached clock running (`gb`). Clocks at risk have their list.
 */
export const GAUGE_SETS = [...Object.values(BACKLOG), 'gb'] as const;

/** The clock kind and outcome of a met or breached fact's code. */
export const OUTCOMES = new Map<string, { clock: ClockKind; outcome: 'met' | 'breached' }>(
  CLOCK_KINDS.flatMap((clock) => [
    [MET[clock], { clock, outcome: 'met' as const }],
    [BREACHED[clock], { clock, outcome: 'breached' as const }],
  ]),
);

/** The name of one lane's hash of the clocks that finished in `minute` (keys.ts, ticketSet). */
export const outcomesOf = (minute: number) => `o:${minute}`;

/** One finished clock in its minute's hash: `<ticket>|<code>|<nth such fact of the minute>`. */
const outcomeField = (ticketId: string, code: string, nth: number) => `${ticketId}|${code}|${nth}`;

/** The ticket and code of an outcome field (its ticket id may hold `|`). */
export function parseOutcomeField(field: string): { ticketId: string; code: string } {
  const parts = field.split('|');
  return { ticketId: parts.slice(0, -2).join('|'), code: parts.at(-2)! };
}

/** A contribution's finished clocks from minute `cutoff` on: `<minute>\n<field>`. */
function outcomes(ticketId: string, c: Contribution, cutoff: number): Set<string> {
  const out = new Set<string>();
  const nth = new Map<string, number>();
  for (const [code, minute] of c.facts) {
    if (minute < cutoff || !OUTCOMES.has(code)) continue;
    const same = `${code}|${minute}`;
    const n = nth.get(same) ?? 0;
    nth.set(same, n + 1);
    out.add(`${minute}\n${outcomeField(ticketId, code, n)}`);
  }
  return out;
}

/**
 * Whether a contribution was stored before these sets existed (its dimensions have no team
 * and agent pair): nothing of it is in them, so its next change adds all it should have.
 */
const storedBefore = (c: Contribution) =>
  c.dims.length > 0 && c.dims.length !== BUCKET_DIMENSIONS.length;

/**
 * The tickets and clocks behind the counts (drill-down), changed from the same difference
 * of contributions as the counts themselves, in the same script: a list never disagrees
 * with its count. A gauge's sorted set holds the tickets that have the gauge, scored by
 * when they got it (read oldest first). Finished clocks go to a hash per lane and minute,
 * like the per-minute buckets and with their expiry (far smaller than one sorted set: a
 * minute's hash stays a listpack), field `<ticket>|<code>|<n>` counted 1.
 */
export class TicketSets {
  constructor(
    private readonly keys: Keys,
    /** The first minute whose outcomes are kept, at `now` (the per-minute buckets'). */
    private readonly outcomeCutoff: (now: number) => number,
    /** How long a minute's outcomes are kept after the minute ends. */
    private readonly outcomeKeepMs: number,
  ) {}

  /** Adds to a lane's write the changes of `ticketId`'s contribution from `old` to `next`. */
  changes(
    write: LaneWrite<unknown>,
    lane: number,
    ticketId: string,
    old: Contribution,
    next: Contribution,
    now: number,
  ): void {
    const resync = storedBefore(old);
    for (const code of GAUGE_SETS) {
      const had = old.gauges.includes(code);
      const has = next.gauges.includes(code);
      if (had === has && !(has && resync)) continue;
      setWrite(write, this.keys.ticketSet(lane, code)).set(ticketId, has ? now : -1);
    }
    const cutoff = this.outcomeCutoff(now);
    const before = resync ? new Set<string>() : outcomes(ticketId, old, cutoff);
    const after = outcomes(ticketId, next, cutoff);
    const move = (entry: string, by: 1 | -1) => {
      const nl = entry.indexOf('\n');
      const minute = Number(entry.slice(0, nl));
      const expireAt = (minute + 1) * MINUTE + this.outcomeKeepMs;
      write.increments.add(
        this.keys.ticketSet(lane, outcomesOf(minute)),
        expireAt,
        entry.slice(nl + 1),
        by,
      );
    };
    for (const entry of before) if (!after.has(entry)) move(entry, -1);
    for (const entry of after) if (!before.has(entry)) move(entry, 1);
  }
}
