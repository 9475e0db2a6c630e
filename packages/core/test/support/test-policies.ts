import { policiesFrom } from './engine.js';

/**
 * Policies the clock-rule tests share. Berlin office hours 09:00-17:00 local are
 * 08:00-16:00Z in November (CET, UTC+1). 2026-11-23 is a Monday.
 */
export const testPolicies = policiesFrom(`
calendars:
  - id: berlin
    timezone: Europe/Berlin
    weekly:
      mon: ["09:00-17:00"]
      tue: ["09:00-17:00"]
      wed: ["09:00-17:00"]
      thu: ["09:00-17:00"]
      fri: ["09:00-17:00"]
policies:
  - id: urgent
    match: { priority: [urgent] }
    calendar: 24x7
    targets: { firstResponse: 15m, nextResponse: 30m, resolution: 2h }
    warnAt: [0.5, 0.75]
  - id: high-office
    match: { priority: [high] }
    calendar: berlin
    targets: { firstResponse: 1h, resolution: 8h }
  - id: vip-hold
    match: { customerTier: [vip] }
    calendar: 24x7
    targets: { firstResponse: 30m, resolution: 4h }
    pauseOn: [on_hold]
  - id: low-resolution-only
    match: { priority: [low] }
    calendar: 24x7
    targets: { resolution: 1h }
  - id: team-fast
    match: { team: [fast] }
    calendar: 24x7
    targets: { firstResponse: 1h }
`);

/** `2026-11-23T<hh:mm[:ss]>Z`, or another day of November 2026. */
export const t = (hhmm: string, day = 23): string =>
  `2026-11-${String(day).padStart(2, '0')}T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}Z`;
