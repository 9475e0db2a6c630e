/**
 * The counters the rolling windows keep, by short code (they are stored per ticket and
 * per bucket, so every byte counts). A counted fact adds 1 to `<code>.n`; a score adds 1
 * to `<code>.n` and its value to `<code>.s`; a duration adds its value to `<code>.s` and 1
 * to its histogram bin `<code>.b<bin>` (its count is the sum of its bins).
 */
export const COUNTED = {
  c: 'tickets created',
  sv: 'tickets solved (at their last solve, while solved or closed)',
  so: 'solves (every move from an open status to solved or closed)',
  ro: 'reopens',
  rp: 'public agent replies',
  fc: 'tickets solved with exactly one public agent reply and never reopened',
  mf: 'first response clocks met',
  mn: 'next response clocks met',
  mr: 'resolution clocks met',
  bf: 'first response clocks breached',
  bn: 'next response clocks breached',
  br: 'resolution clocks breached',
  mu: 'periodic update clocks met',
  mp: 'pausable update clocks met',
  mw: 'requester wait clocks met',
  mk: 'agent work clocks met',
  bu: 'periodic update clocks breached',
  bp: 'pausable update clocks breached',
  bw: 'requester wait clocks breached',
  bk: 'agent work clocks breached',
  cp: 'csat surveys scoring 4 or 5',
  pp: 'nps promoters (9-10)',
  pd: 'nps detractors (0-6)',
  rc: 'repeat contacts',
} as const;

/** Measured facts: durations in ms (with a histogram) and survey scores (sum only). */
export const DURATIONS = {
  fr: 'first response time',
  nr: 'next response time',
  rs: 'resolution time',
  es: 'time to escalate',
} as const;

export const SCORES = {
  cs: 'csat score',
  np: 'nps score',
} as const;

/** Gauges: what holds now, not in a window. */
export const GAUGES = {
  gn: 'open tickets with status new',
  go: 'open tickets with status open',
  gp: 'open tickets with status pending',
  gh: 'open tickets with status on_hold',
  gb: 'tickets with a breached clock still running',
  ga: 'clocks at risk',
} as const;

export type CountedCode = keyof typeof COUNTED;
export type DurationCode = keyof typeof DURATIONS;
export type ScoreCode = keyof typeof SCORES;
export type GaugeCode = keyof typeof GAUGES;
export type FactCode = CountedCode | DurationCode | ScoreCode;
