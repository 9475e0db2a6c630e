import { read } from './json-reader';

/** Met and breached clocks, and met ÷ (met + breached); null when none finished. */
export interface Outcomes {
  readonly met: number;
  readonly breached: number;
  readonly attainment: number | null;
}

/** One row of a breakdown: a team, priority or policy, and a clock kind, before and after. */
export interface BreakdownRow {
  readonly value: string;
  /** A clock kind, as the gateway names it (a newer gateway may name one this page does not know). */
  readonly clock: string;
  readonly before: Outcomes;
  readonly after: Outcomes;
}

/** `none`: no outcome in the window (not targeted, still running, ...). */
export type OutcomeName = 'met' | 'breached' | 'none';

export interface ClockChange {
  readonly clock: string;
  readonly cycle: number;
  readonly before: OutcomeName;
  readonly after: OutcomeName;
}

export interface ChangedTicket {
  readonly ticketId: string;
  readonly team: string | null;
  readonly priority: string;
  readonly policyBefore: string | null;
  readonly policyAfter: string | null;
  readonly changes: readonly ClockChange[];
}

/** The three breakdowns of a report, by the field that names them. */
export const BREAKDOWNS = ['byTeam', 'byPriority', 'byPolicy'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/**
 * A backtest's report (`slawatch backtest --json`, docs/cli.md): the candidate document
 * against the one in force over a window of the ticket history. Instants in ms.
 */
export interface BacktestReport {
  readonly from: number;
  readonly until: number;
  readonly tickets: number;
  readonly overall: { readonly before: Outcomes; readonly after: Outcomes };
  readonly byTeam: readonly BreakdownRow[];
  readonly byPriority: readonly BreakdownRow[];
  readonly byPolicy: readonly BreakdownRow[];
  /** The tickets whose outcomes change, at most the gateway's cap of them. */
  readonly changed: readonly ChangedTicket[];
  /** How many changed in all (more than `changed` lists when capped). */
  readonly changedCount: number;
  /** Invalid events of the history left out. */
  readonly rejected: number;
}

const OUTCOME_NAMES = ['met', 'breached', 'none'] as const;

function outcomes(v: unknown, path: string): Outcomes {
  const o = read.object(v, path);
  return {
    met: read.number(o.met, `${path}.met`),
    breached: read.number(o.breached, `${path}.breached`),
    attainment: read.nullable(o.attainment, `${path}.attainment`, read.number),
  };
}

function row(v: unknown, path: string): BreakdownRow {
  const r = read.object(v, path);
  return {
    value: read.string(r.value, `${path}.value`),
    clock: read.string(r.clock, `${path}.clock`),
    before: outcomes(r.before, `${path}.before`),
    after: outcomes(r.after, `${path}.after`),
  };
}

function change(v: unknown, path: string): ClockChange {
  const c = read.object(v, path);
  return {
    clock: read.string(c.clock, `${path}.clock`),
    cycle: read.number(c.cycle, `${path}.cycle`),
    before: read.oneOf(c.before, `${path}.before`, OUTCOME_NAMES),
    after: read.oneOf(c.after, `${path}.after`, OUTCOME_NAMES),
  };
}

function changedTicket(v: unknown, path: string): ChangedTicket {
  const t = read.object(v, path);
  return {
    ticketId: read.string(t.ticketId, `${path}.ticketId`),
    team: read.nullable(t.team, `${path}.team`, read.string),
    priority: read.string(t.priority, `${path}.priority`),
    policyBefore: read.nullable(t.policyBefore, `${path}.policyBefore`, read.string),
    policyAfter: read.nullable(t.policyAfter, `${path}.policyAfter`, read.string),
    changes: read
      .array(t.changes, `${path}.changes`)
      .map((c, i) => change(c, `${path}.changes[${i}]`)),
  };
}

/** Reads a report, throwing {@link MalformedAnswer} at its first field that is not as documented. */
export function parseBacktestReport(value: unknown, path = 'result'): BacktestReport {
  const r = read.object(value, path);
  const overall = read.object(r.overall, `${path}.overall`);
  const rows = (field: Breakdown) =>
    read.array(r[field], `${path}.${field}`).map((x, i) => row(x, `${path}.${field}[${i}]`));
  const changed = read
    .array(r.changed, `${path}.changed`)
    .map((x, i) => changedTicket(x, `${path}.changed[${i}]`));
  return {
    from: read.instant(r.from, `${path}.from`),
    until: read.instant(r.until, `${path}.until`),
    tickets: read.number(r.tickets, `${path}.tickets`),
    overall: {
      before: outcomes(overall.before, `${path}.overall.before`),
      after: outcomes(overall.after, `${path}.overall.after`),
    },
    byTeam: rows('byTeam'),
    byPriority: rows('byPriority'),
    byPolicy: rows('byPolicy'),
    changed,
    // Older reports may leave these out; what they would hold is known from the rest.
    changedCount:
      r.changedCount === undefined
        ? changed.length
        : read.number(r.changedCount, `${path}.changedCount`),
    rejected: r.rejected === undefined ? 0 : read.number(r.rejected, `${path}.rejected`),
  };
}
