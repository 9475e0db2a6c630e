import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { AlertLevel } from './alert-labels.js';
import type { ReceiverSpec } from './alerting-settings.js';

/**
 * When a receiver may be sent an alert of `level` due at `at`: at once, unless it is
 * quiet then (its calendar closed, and the level not excepted), in which case at the
 * calendar's next opening. A calendar that never opens again holds nothing back: an
 * alert that could never go out would be a lost alert.
 */
export function deliverableAt(
  receiver: Pick<ReceiverSpec, 'quietHours'>,
  level: AlertLevel,
  at: number,
  calendar: (id: string) => BusinessCalendar,
): number {
  const quiet = receiver.quietHours;
  if (quiet === null || quiet.except.includes(level)) return at;
  const c = calendar(quiet.outside);
  return c.isOpen(at) ? at : (c.nextOpening(at) ?? at);
}
