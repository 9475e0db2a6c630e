import { IANAZone } from 'luxon';
import { HOUR, MINUTE } from './declare-calendar.js';

/** A UTC offset change: at `instant` the offset goes from `before` to `after` (minutes). */
export interface ZoneTransition {
  readonly instant: number;
  readonly before: number;
  readonly after: number;
}

/**
 * The offset changes of `zone` in `year`, looked up with luxon rather than written from
 * memory: hourly probes, then a minute-by-minute search inside the hour that changed.
 */
export function zoneTransitions(zone: string, year: number): ZoneTransition[] {
  const iana = IANAZone.create(zone);
  const transitions: ZoneTransition[] = [];
  const end = Date.UTC(year + 1, 0, 1);
  let previous = iana.offset(Date.UTC(year, 0, 1));
  for (let probe = Date.UTC(year, 0, 1) + HOUR; probe <= end; probe += HOUR) {
    const offset = iana.offset(probe);
    if (offset === previous) continue;
    let instant = probe - HOUR;
    while (iana.offset(instant) === previous) instant += MINUTE;
    transitions.push({ instant, before: previous, after: offset });
    previous = offset;
  }
  return transitions;
}
