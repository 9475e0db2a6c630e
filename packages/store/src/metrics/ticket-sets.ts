import { BACKLOG, BREACHED, CLOCK_KINDS, MET, type ClockKind } from '@slawatch/core';
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

/** The set of finished clocks' outcomes of one lane (keys.ts, ticketSet). */
export const OUTCOME_SET = 'outcomes';

/** One finished clock on the outcomes set: `<ticket>|<code>|<minute>|<nth such fact>`. */
export const outcomeMember = (ticketId: string, code: string, minute: number, nth: number) =>
  `${ticketId}|${code}|${minute}|${nth}`;

/** The ticket, code and minute of an outcome member (its ticket id may hold `|`). */
export function parseOutcomeMember(member: string) {
  const parts = member.split('|');
  const minute = Number(parts.at(-2));
  const code = parts.at(-3)!;
  return { ticketId: parts.slice(0, -3).join('|'), code, minute };
}

/** A contribution's outcome members from minute `cutoff` on. */
function outcomeMembers(ticketId: string, c: Contribution, cutoff: number): Map<string, number> {
  const out = new Map<string, number>();
  const nth = new Map<string, number>();
  for (const [code, minute] of c.facts) {
    if (minute < cutoff || !OUTCOMES.has(code)) continue;
    const same = `${code}|${minute}`;
    const n = nth.get(same) ?? 0;
    nth.set(same, n + 1);
    out.set(outcomeMember(ticketId, code, minute, n), minute * MINUTE);
  }
  return out;
}

/**
 * The ticket sets behind the counts (drill-down), changed from the same difference of
 * contributions as the counts themselves, in the same script: a list never disagrees with
 * its count. A gauge's set holds the tickets that have the gauge, scored by when they got
 * it; the outcomes set the finished clocks of the per-minute span, scored by their minute.
 */
export class TicketSets {
  constructor(
    private readonly keys: Keys,
    /** The first minute whose outcomes are kept, at `now` (the per-minute buckets'). */
    private readonly outcomeCutoff: (now: number) => number,
    /** How long an outcomes set lives after its last write. */
    private readonly outcomeTtlMs: number,
  ) {}

  /**
   * Adds to a lane's write the changes of `ticketId`'s contribution from `old` to `next`.
   * When its dimensions changed (a contribution stored before these sets existed among
   * them), every member it should have is added again, so such a ticket joins at its next
   * change.
   */
  changes(
    write: LaneWrite<unknown>,
    lane: number,
    ticketId: string,
    old: Contribution,
    next: Contribution,
    now: number,
  ): void {
    const resync =
      old.dims.length !== next.dims.length || old.dims.some((v, i) => v !== next.dims[i]);
    for (const code of GAUGE_SETS) {
      const had = old.gauges.includes(code);
      const has = next.gauges.includes(code);
      if (had === has && !(has && resync)) continue;
      setWrite(write, this.keys.ticketSet(lane, code), null, 0).set(ticketId, has ? now : -1);
    }
    const cutoff = this.outcomeCutoff(now);
    const before = outcomeMembers(ticketId, old, cutoff);
    const after = outcomeMembers(ticketId, next, cutoff);
    let ops: Map<string, number> | null = null;
    const set = () =>
      (ops ??= setWrite(
        write,
        this.keys.ticketSet(lane, OUTCOME_SET),
        cutoff * MINUTE,
        this.outcomeTtlMs,
      ));
    for (const member of before.keys()) if (!after.has(member)) set().set(member, -1);
    for (const [member, score] of after)
      if (resync || !before.has(member)) set().set(member, score);
  }
}
