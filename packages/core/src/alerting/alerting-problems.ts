import { CLOCK_KINDS, PRIORITIES } from '../contract/vocabulary.js';
import { formatPath } from '../validation/format-path.js';
import type { ValidationProblem } from '../validation/validation-problem.js';
import { ALERT_LEVELS } from './alert-labels.js';
import type { AlertingSettings, RouteSpec } from './alerting-settings.js';

// Labels whose values come from a closed vocabulary: a typo would silently match nothing.
const CLOSED: Partial<Record<string, readonly string[]>> = {
  level: ALERT_LEVELS,
  clock: CLOCK_KINDS,
  priority: PRIORITIES,
};

/**
 * What the schema cannot see in a valid `alerting` section: duplicate receiver ids, routes
 * naming unknown receivers, quiet hours on unknown calendars, match values outside a
 * closed vocabulary. Paths are the document's (`alerting.route.routes[0].receivers[1]`).
 */
export function alertingProblems(
  settings: AlertingSettings,
  calendarIds: ReadonlySet<string>,
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
