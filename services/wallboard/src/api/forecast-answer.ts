import { read } from './json-reader';

/** One running clock likely to breach, as `GET /api/v1/forecast` lists it. Instants in ms. */
export interface ForecastClock {
  readonly ticketId: string;
  readonly team: string | null;
  readonly queue: string | null;
  readonly priority: string;
  readonly policy: string | null;
  /** A clock kind as the gateway names it (a newer gateway may name one this page does not know). */
  readonly clock: string;
  readonly cycle: number;
  readonly deadline: number;
  /** 0..1. */
  readonly probability: number;
  /** Whose recent durations it was read from: `team`, `priority` or `all`, as sent. */
  readonly basis: string;
  readonly samples: number;
  /** The team's tickets waiting for a reply that go before it; null when it waits for none. */
  readonly ahead: number | null;
}

/** The breach forecast (docs/api.md), most likely first, then soonest deadline. */
export interface ForecastAnswer {
  readonly computedAt: number;
  readonly horizonMinutes: number;
  /** Tickets with a timer due soon that the gateway read; null for a team-limited token. */
  readonly scanned: number | null;
  /** More tickets were due than the gateway reads: some clocks may be missing. */
  readonly truncated: boolean;
  /** Clocks that passed the filters; more than `clocks` holds when the limit cut the list. */
  readonly total: number;
  readonly clocks: readonly ForecastClock[];
}

function forecastClock(v: unknown, path: string): ForecastClock {
  const c = read.object(v, path);
  return {
    ticketId: read.string(c.ticketId, `${path}.ticketId`),
    team: read.nullable(c.team, `${path}.team`, read.string),
    queue: read.nullable(c.queue, `${path}.queue`, read.string),
    priority: read.string(c.priority, `${path}.priority`),
    policy: read.nullable(c.policy, `${path}.policy`, read.string),
    clock: read.string(c.clock, `${path}.clock`),
    cycle: read.number(c.cycle, `${path}.cycle`),
    deadline: read.instant(c.deadline, `${path}.deadline`),
    probability: read.ratio(c.probability, `${path}.probability`),
    basis: read.string(c.basis, `${path}.basis`),
    samples: read.number(c.samples, `${path}.samples`),
    ahead: read.nullable(c.ahead, `${path}.ahead`, read.number),
  };
}

/** Reads the forecast, throwing {@link MalformedAnswer} at its first field that is not as documented. */
export function parseForecastAnswer(value: unknown): ForecastAnswer {
  const a = read.object(value, '');
  return {
    computedAt: read.instant(a.computedAt, 'computedAt'),
    horizonMinutes: read.number(a.horizonMinutes, 'horizonMinutes'),
    scanned: a.scanned === undefined ? null : read.number(a.scanned, 'scanned'),
    truncated: read.boolean(a.truncated, 'truncated'),
    total: read.number(a.total, 'total'),
    clocks: read.array(a.clocks, 'clocks').map((c, i) => forecastClock(c, `clocks[${i}]`)),
  };
}
