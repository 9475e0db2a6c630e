import type { Notification } from '@slawatch/core';
import { CLOCK_NAME, surveyScore } from './describe-alert.js';
import { relativeToDeadline } from './describe-time.js';

/** At most this many alerts are written out in one grouped message; the rest are summed up. */
export const DIGEST_SHOWN = 10;

const WHAT = {
  at_risk: 'At risk',
  breach: 'Breached',
  reminder: 'Still breached',
  forecast: 'Likely to breach',
  feedback: 'Low score',
  digest: 'Digest',
} as const;
const PLURAL = {
  at_risk: ['at-risk alert', 'at-risk alerts'],
  breach: ['breach', 'breaches'],
  reminder: ['reminder', 'reminders'],
  forecast: ['forecast', 'forecasts'],
  feedback: ['low score', 'low scores'],
  digest: ['digest', 'digests'],
  resolve: ['resolved', 'resolved'],
} as const;

/** How many of each kind: `9 breaches, 3 at-risk alerts, 2 resolved`. */
export function digestCounts(ns: readonly Notification[]): string {
  const counts = new Map<keyof typeof PLURAL, number>();
  for (const n of ns) {
    const kind = n.action === 'resolve' ? 'resolve' : n.labels.level;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, c]) => `${c} ${PLURAL[kind][c === 1 ? 0 : 1]}`).join(', ');
}

/**
 * The alerts of one grouped message, one line each (the first DIGEST_SHOWN, oldest
 * first), and what the rest were, so a storm reads as one message with a summary.
 * `text` makes a producer's value (an assignee) safe in the message's markup.
 */
export function alertDigest(
  ns: readonly Notification[],
  ticket: (n: Notification) => string,
  now: number,
  text: (value: string) => string = (value) => value,
): { readonly title: string; readonly lines: string[]; readonly rest: string | null } {
  const sorted = [...ns].sort((a, b) => a.time - b.time);
  const team = sorted[0]?.labels.team;
  const lines = sorted.slice(0, DIGEST_SHOWN).map((n) => {
    if (n.labels.clock === null) {
      const assignee = n.feedback?.assignee ?? null;
      const score = n.feedback ? surveyScore(n.feedback) : 'score';
      return `Low ${score} on ${ticket(n)}, ${n.labels.priority}${assignee === null ? '' : `, ${text(assignee)}`}`;
    }
    const what = n.action === 'resolve' ? 'Resolved' : WHAT[n.labels.level];
    const timing =
      n.action === 'resolve' || n.deadline === null
        ? ''
        : ` (${relativeToDeadline(n.deadline, now)})`;
    return `${what}: ${CLOCK_NAME[n.labels.clock]} SLA of ${ticket(n)}, ${n.labels.priority}${timing}`;
  });
  const hidden = sorted.slice(DIGEST_SHOWN);
  return {
    title: `${ns.length} SLA alerts${team ? ` for team ${team}` : ' for tickets without a team'}: ${digestCounts(ns)}`,
    lines,
    rest: hidden.length === 0 ? null : `and ${hidden.length} more: ${digestCounts(hidden)}`,
  };
}
