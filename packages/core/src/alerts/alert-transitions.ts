import { crossing } from '../clock/clock-measure.js';
import type { Clock } from '../clock/clock.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { Instant } from '../time/instant.js';
import { isRunning } from '../clock/clock.js';
import { clocksOf, type TicketState } from '../ticket/ticket-state.js';
import { evaluateClock } from '../ticket/ticket-view.js';
import { alertMark, type AlertTransition } from './alert-transition.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const markOf = (clock: Clock, what: string) => alertMark(clock.kind, clock.cycle, what);

/**
 * The alert transitions of a ticket as of `at` that are not yet in `announced` (the marks
 * recorded so far, in the order they were announced). Breaches and at-risk crossings are
 * announced once; while a breached clock keeps running, reminders follow at the offsets of
 * the `alerting` section (only the latest one due, when several are); a clock's open
 * alerts are announced resolved when it stops (met, solved, deleted) or pauses; a breach
 * announced earlier that a late event turned into a met clock is announced corrected.
 */
export function alertTransitions(
  state: TicketState,
  at: Instant,
  policies: PolicySet,
  announced: ReadonlySet<string>,
): AlertTransition[] {
  if (state.createdAt === null) return [];
  const out: AlertTransition[] = [];
  const open = openAlerts(announced);
  const reminders = policies.alerting.reminders;
  for (const clock of clocksOf(state)) {
    const alerted = open.has(`${clock.kind}:${clock.cycle}`);
    const e = state.deleted ? null : evaluateClock(clock, at, policies);
    // The transition built field by field, not spread from two objects: this runs for every
    // clock of every ticket of every batch (issue 18).
    const push = (t: Omit<AlertTransition, 'ticketId' | 'clock' | 'cycle'>) => {
      if (announced.has(t.mark)) return;
      const { ticketId } = state;
      const { type, mark, time, deadline, threshold, after } = t;
      const made: Mutable<AlertTransition> = {
        ticketId,
        clock: clock.kind,
        cycle: clock.cycle,
        type,
        mark,
        time,
        deadline,
      };
      if (threshold !== undefined) made.threshold = threshold;
      if (after !== undefined) made.after = after;
      out.push(made);
    };
    if (e?.state === 'breached') {
      push({
        type: 'sla.breached',
        mark: markOf(clock, 'breached'),
        time: e.breachedAt!,
        deadline: e.breachedAt,
      });
      // Reminders while someone can still act: the clock runs (not paused, not stopped).
      const due =
        clock.stoppedAt === null && isRunning(clock)
          ? reminders.filter((after) => e.breachedAt! + after <= at)
          : [];
      const latest = due.at(-1);
      const later = (after: number) =>
        reminders.some((r) => r >= after && announced.has(markOf(clock, `reminder:${r}`)));
      if (latest !== undefined && !later(latest))
        push({
          type: 'sla.reminder',
          mark: markOf(clock, `reminder:${latest}`),
          time: e.breachedAt! + latest,
          deadline: e.breachedAt,
          after: latest,
        });
    } else if (e?.state === 'running' && clock.target !== null) {
      for (const threshold of clock.warnAt) {
        const reached = crossing(
          clock,
          Math.ceil(threshold * clock.target),
          policies.calendar,
        ).instant;
        if (reached !== null && reached <= at)
          push({
            type: 'sla.at_risk',
            mark: markOf(clock, `at_risk:${threshold}`),
            time: reached,
            deadline: e.deadline,
            threshold,
          });
      }
    }
    if (announced.has(markOf(clock, 'breached')) && e !== null && e.state !== 'breached')
      push({
        type: 'sla.corrected',
        mark: markOf(clock, 'corrected'),
        time: at,
        deadline: e.deadline,
      });
    const ended = state.deleted || clock.stoppedAt !== null;
    const raised = alerted || out.some((t) => t.clock === clock.kind && t.cycle === clock.cycle);
    if (ended && raised)
      push({
        type: 'sla.resolved',
        mark: markOf(clock, 'resolved'),
        time: state.deleted ? state.deletedAt! : clock.stoppedAt!,
        deadline: e?.deadline ?? null,
      });
    else if (!ended && raised && !isRunning(clock)) {
      // Paused (waiting on the customer): nobody needs to act until it runs again. Each
      // pause is its own resolve, named by the instant it began.
      const pausedAt = clock.runs.at(-1)?.to ?? at;
      push({
        type: 'sla.resolved',
        mark: markOf(clock, `resolved@${pausedAt}`),
        time: pausedAt,
        deadline: e?.deadline ?? null,
      });
    }
  }
  return out;
}

/**
 * The clocks (`<clock>:<cycle>`) with an alert announced and not resolved since, from the
 * marks in the order they were announced.
 */
function openAlerts(announced: ReadonlySet<string>): Set<string> {
  const open = new Set<string>();
  for (const mark of announced) {
    const [clock, cycle, what = ''] = mark.split(':');
    const key = `${clock}:${cycle}`;
    if (what.startsWith('resolved')) open.delete(key);
    else open.add(key);
  }
  return open;
}
