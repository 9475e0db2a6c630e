import { formatInstant, type DigestFigures, type DigestReport } from '@slawatch/core';
import { formatSpan } from './describe-time.js';

/** One headline figure as messages show it: its value, and its change against the period before. */
export interface DigestRow {
  readonly label: string;
  readonly value: string;
  /** `↑ +1.2 pts`, `↓ -3 (-20%)`, `→ 0`; null when either period had nothing to measure. */
  readonly change: string | null;
}

type Kind = 'share' | 'count' | 'duration' | 'score';
const FIGURES: readonly [string, Kind, (f: DigestFigures) => number | null][] = [
  ['Attainment', 'share', (f) => f.attainment.overall],
  ['First response', 'share', (f) => f.attainment.firstResponse],
  ['Next response', 'share', (f) => f.attainment.nextResponse],
  ['Resolution', 'share', (f) => f.attainment.resolution],
  ['Breaches', 'count', (f) => f.breaches],
  ['Created', 'count', (f) => f.created],
  ['Solved', 'count', (f) => f.solved],
  ['First response p50', 'duration', (f) => f.firstResponseP50],
  ['First response p90', 'duration', (f) => f.firstResponseP90],
  ['Resolution p90', 'duration', (f) => f.resolutionP90],
  ['FCR', 'share', (f) => f.fcrRate],
  ['CSAT', 'share', (f) => f.csatShare],
  ['NPS', 'score', (f) => f.nps],
  ['Quality score', 'score', (f) => f.qualityScore],
];

const round1 = (x: number) => Math.round(x * 10) / 10;
const signed = (x: number, text: string) => `${x > 0 ? '+' : x < 0 ? '-' : ''}${text}`;
const arrow = (d: number) => (d > 0 ? '↑' : d < 0 ? '↓' : '→');

function valueText(kind: Kind, v: number | null): string {
  if (v === null) return 'n/a';
  switch (kind) {
    case 'share':
      return `${round1(v * 100)}%`;
    case 'count':
      return String(v);
    case 'duration':
      return formatSpan(v * 1000);
    case 'score':
      return String(round1(v));
  }
}

/** The change from `before` to `now`: points for shares, with a percentage for counts and durations. */
function changeText(kind: Kind, now: number | null, before: number | null): string | null {
  if (now === null || before === null) return null;
  const d = now - before;
  const percent =
    before === 0 || d === 0
      ? ''
      : ` (${signed(d, `${Math.abs(Math.round((d / before) * 100))}%`)})`;
  switch (kind) {
    case 'share':
      return `${arrow(d)} ${signed(d, String(Math.abs(round1(d * 100))))} pts`;
    case 'count':
      return `${arrow(d)} ${signed(d, String(Math.abs(d)))}${percent}`;
    case 'duration':
      return `${arrow(d)} ${d === 0 ? '0' : signed(d, formatSpan(d * 1000))}${percent}`;
    case 'score':
      return `${arrow(d)} ${signed(d, String(Math.abs(round1(d))))}`;
  }
}

/** The headline figures with their changes, in the order every format shows them. */
export function digestRows(r: DigestReport): DigestRow[] {
  return FIGURES.map(([label, kind, get]) => ({
    label,
    value: valueText(kind, get(r.figures)),
    change: r.previous === null ? null : changeText(kind, get(r.figures), get(r.previous)),
  }));
}

/** `30 Nov`, `7 Dec 08:00`: a date (and time) in the digest's zone. */
function localDate(instant: number, timezone: string, withTime: boolean): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    timeZone: timezone,
  })
    .format(instant)
    .replace(',', '');
}

/** `2026-12-07`: the period's last day, as the digest's zone has it. */
function endDay(r: DigestReport): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: r.timezone,
  }).format(r.to);
  return parts;
}

/** `team emea`, or `all teams`. */
export const digestWho = (r: DigestReport): string =>
  r.team === null ? 'all teams' : `team ${r.team}`;

/** `week of 30 Nov – 7 Dec`, `day to 7 Dec 08:00`. */
export function digestSpan(r: DigestReport): string {
  return r.every === 'week'
    ? `week of ${localDate(r.from, r.timezone, false)} – ${localDate(r.to, r.timezone, false)}`
    : `day to ${localDate(r.to, r.timezone, true)}`;
}

/** `SLA digest, team emea, week of 30 Nov – 7 Dec`. */
export const digestTitle = (r: DigestReport): string =>
  `SLA digest, ${digestWho(r)}, ${digestSpan(r)}`;

/** `[slawatch] DIGEST emea week to 2026-12-07`. */
export const digestSubject = (r: DigestReport): string =>
  `[slawatch] DIGEST ${r.team ?? 'all teams'} ${r.every} to ${endDay(r)}`;

/** What a message says in place of the link when there is none. */
export const NO_LINK =
  'No link to the full report: set SLAWATCH_PUBLIC_URL to the wallboard’s address to get one.';

/** What a message says when there is nothing to compare with. */
export const NO_PREVIOUS = 'No previous period to compare with.';

/** The period as RFC 3339 UTC, for machines. */
export const digestPeriod = (r: DigestReport) => ({
  from: formatInstant(r.from),
  to: formatInstant(r.to),
});
