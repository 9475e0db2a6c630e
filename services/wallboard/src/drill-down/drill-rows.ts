import { MalformedAnswer, read } from '../api/json-reader';
import type { DrillTarget } from './drill-target';

/** One ticket (or one clock of it) of a list, as the dialog shows it. */
export interface DrillRow {
  /** Unique within the list. */
  readonly key: string;
  readonly ticketId: string;
  /** The clock kind, on the lists of clocks. */
  readonly clock: string | null;
  /** The backlog's status, or the finished clock's outcome; null on the other lists. */
  readonly state: string | null;
  /** `-` when none, as the gateway writes it. */
  readonly team: string;
  readonly assignee: string;
  /**
   * The row's instant (ms): since when the ticket is counted so, the at-risk deadline, the
   * breach, or when the clock finished. Null for none (a paused clock has no deadline).
   */
  readonly at: number | null;
}

/** A list as answered: its rows, and where the gateway says it starts (finished clocks). */
export interface DrillAnswer {
  readonly rows: readonly DrillRow[];
  /** `from` of `GET /outcomes`: later than asked when the list keeps less than the window. */
  readonly from: number | null;
}

const FIELDS: Readonly<
  Record<DrillTarget['list'], 'tickets' | 'clocks' | 'breaches' | 'outcomes'>
> = {
  backlog: 'tickets',
  openBreached: 'tickets',
  atRisk: 'clocks',
  breaches: 'breaches',
  outcomes: 'outcomes',
};

/** A text field the gateway may leave out (`-`: no value). */
const text = (v: unknown, path: string): string =>
  v === undefined || v === null ? '-' : read.string(v, path);

function rowOf(target: DrillTarget, entry: unknown, path: string, index: number): DrillRow {
  const e = read.object(entry, path);
  const ticketId = read.string(e.ticketId, `${path}.ticketId`);
  const base = {
    ticketId,
    team: text(e.team, `${path}.team`),
    assignee: text(e.assignee, `${path}.assignee`),
  };
  switch (target.list) {
    case 'backlog':
    case 'openBreached':
      return {
        ...base,
        key: ticketId,
        clock: null,
        state: target.list === 'backlog' ? text(e.status, `${path}.status`) : null,
        at: read.instant(e.since, `${path}.since`),
      };
    case 'atRisk':
    case 'breaches': {
      const clock = read.string(e.clock, `${path}.clock`);
      const cycle = read.number(e.cycle, `${path}.cycle`);
      return {
        ...base,
        // As clockKey (wire) makes it: one row per clock and cycle.
        key: `${ticketId}|${clock}|${cycle}`,
        clock,
        state: null,
        at: read.nullable(e.at, `${path}.at`, read.instant),
      };
    }
    case 'outcomes': {
      const clock = read.string(e.clock, `${path}.clock`);
      const outcome = read.oneOf(e.outcome, `${path}.outcome`, ['met', 'breached'] as const);
      const at = read.instant(e.at, `${path}.at`);
      // A clock of a kind finishes once per cycle: the index keeps two in a minute apart.
      return { ...base, key: `${ticketId}|${clock}|${at}|${index}`, clock, state: outcome, at };
    }
  }
}

/**
 * Reads a list's answer into rows, in the gateway's order (oldest first for open tickets,
 * soonest deadline first at risk, newest first for breaches and finished clocks). An entry
 * that is not the shape the page knows fails the whole list, named by its path, rather than
 * showing a row that misleads.
 */
export function parseDrillAnswer(target: DrillTarget, value: unknown): DrillAnswer {
  const answer = read.object(value, '');
  const field = FIELDS[target.list];
  const list = answer[field];
  if (!Array.isArray(list)) throw new MalformedAnswer(field, 'list');
  return {
    rows: list.map((entry, i) => rowOf(target, entry, `${field}[${i}]`, i)),
    from: target.list === 'outcomes' ? read.instant(answer.from, 'from') : null,
  };
}
