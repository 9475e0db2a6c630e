import { EVENT_TIME_RANGE_RULE, isAcceptedEventTime, parseInstant } from '@slawatch/core';
import { CliError } from './cli-error.js';

/**
 * The instant an option names (undefined when not given); anything but an RFC 3339 time in
 * the event time range stops the command with exit code 2, naming the option.
 */
export function optionInstant(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const at = parseInstant(text);
  if (at === null)
    throw new CliError(
      `${option} must be an RFC 3339 time such as 2026-11-23T09:00:00Z, got "${text}"`,
    );
  // As for event times: clocks measured up to year 9999 are no answer anyone wants.
  if (!isAcceptedEventTime(at))
    throw new CliError(`${option} ${EVENT_TIME_RANGE_RULE}, got "${text}"`);
  return at;
}
