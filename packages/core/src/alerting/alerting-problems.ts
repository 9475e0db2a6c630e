import { CLOCK_KINDS, PRIORITIES } from '../contract/vocabulary.js';
import { formatPath } from '../validation/format-path.js';
import type { ValidationProblem } from '../validation/validation-problem.js';
import { ALERT_LEVELS } from './alert-labels.js';
import type { AlertingSettings, RouteSpec } from './alerting-settings.js';
import { DIGEST_PERIOD_MS } from './digest-schedule.js';

// Labels whose values come from a closed vocabulary: a typo would silently match nothing.
// Digests are not routed (each names its receivers), so no route may match their level.
const CLOSED: Partial<Record<string, readonly string[]>> = {
  level: ALERT_LEVELS.filter((l) => l !== 'digest'),
  clock: CLOCK_KINDS,
  priority: PRIORITIES,
};

/**
 * What the schema cannot see in a valid `alerting` section: duplicate receiver ids, routes
 * naming unknown receivers, quiet hours on unknown calendars, match values outside a
 * closed vocabulary, digests naming unknown receivers or calendars or receivers that are
 * not read by people, weekly digests the metric buckets cannot hold (`longestWindowMs`).
 * Paths are the document's (`alerting.route.routes[0].receivers[1]`).
 */
export function alertingProblems(
  settings: AlertingSettings,
  calendarIds: ReadonlySet<string>,
  longestWindowMs = DIGEST_PERIOD_MS.week,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const at = (...path: PropertyKey[]) => formatPath(['alerting', ...path]);
  const ids = new Set<string>();
  settings.receivers.forEach((r, i) => {
    if (ids.has(r.id))
      problems.push({ path: at('receivers', i, 'id'), message: `duplicate receiver id "${r.id}"` });
    ids.add(r.id);
    if (r.quietHours && !calendarIds.has(r.quietHours.outside))
      problems.push({
        path: at('receivers', i, 'quietHours', 'outside'),
        message: `unknown calendar "${r.quietHours.outside}" (known: ${[...calendarIds].join(', ')})`,
      });
  });
  const visit = (route: RouteSpec, path: PropertyKey[]) => {
    route.receivers.forEach((r, i) => {
      if (!ids.has(r))
        problems.push({
          path: at(...path, 'receivers', i),
          message: `unknown receiver "${r}" (known: ${[...ids].join(', ') || 'none'})`,
        });
    });
    for (const [label, values] of Object.entries(route.match)) {
      const allowed = CLOSED[label];
      values?.forEach((v, i) => {
        if (allowed && !allowed.includes(v))
          problems.push({
            path: at(...path, 'match', label, i),
            message: `must be one of ${allowed.join(', ')}`,
          });
      });
    }
    route.routes.forEach((child, i) => visit(child, [...path, 'routes', i]));
  };
  visit(settings.route, ['route']);
  problems.push(...digestProblems(settings, calendarIds, longestWindowMs));
  return problems;
}

/** The checks of `alerting.digests` that need the rest of the document. */
function digestProblems(
  settings: AlertingSettings,
  calendarIds: ReadonlySet<string>,
  longestWindowMs: number,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const at = (...path: PropertyKey[]) => formatPath(['alerting', 'digests', ...path]);
  const types = new Map(settings.receivers.map((r) => [r.id, r.type]));
  const ids = new Set<string>();
  settings.digests.forEach((d, i) => {
    if (ids.has(d.id))
      problems.push({ path: at(i, 'id'), message: `duplicate digest id "${d.id}"` });
    ids.add(d.id);
    if (d.calendar !== null && !calendarIds.has(d.calendar))
      problems.push({
        path: at(i, 'calendar'),
        message: `unknown calendar "${d.calendar}" (known: ${[...calendarIds].join(', ')})`,
      });
    if (DIGEST_PERIOD_MS[d.every] > longestWindowMs)
      problems.push({
        path: at(i, 'every'),
        message: `a ${d.every}'s figures need a metrics window at least that long (metrics.windows: the longest is ${longestWindowMs / 3_600_000}h)`,
      });
    d.receivers.forEach((r, j) => {
      const type = types.get(r);
      if (type === undefined)
        problems.push({
          path: at(i, 'receivers', j),
          message: `unknown receiver "${r}" (known: ${[...types.keys()].join(', ') || 'none'})`,
        });
      else if (type === 'pagerduty' || type === 'alertmanager')
        problems.push({
          path: at(i, 'receivers', j),
          message: `receiver "${r}" is of type ${type}: a digest goes to people’s receivers (slack, email) or a webhook`,
        });
    });
  });
  return problems;
}

/** Every environment variable the receivers read, with where the document names it. */
export function alertingEnv(settings: AlertingSettings): { path: string; name: string }[] {
  const out: { path: string; name: string }[] = [];
  settings.receivers.forEach((r, i) => {
    const add = (name: string | null, ...field: PropertyKey[]) => {
      if (name !== null)
        out.push({ path: formatPath(['alerting', 'receivers', i, ...field]), name });
    };
    if (r.type === 'webhook') {
      add(r.urlEnv, 'urlEnv');
      add(r.secretEnv, 'secretEnv');
    } else if (r.type === 'slack') add(r.urlEnv, 'urlEnv');
    else if (r.type === 'pagerduty') add(r.routingKeyEnv, 'routingKeyEnv');
    else if (r.type === 'email') add(r.smtp.passwordEnv, 'smtp', 'passwordEnv');
  });
  return out;
}
