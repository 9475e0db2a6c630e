import type { AlertLabels, RouteLabel } from './alert-labels.js';
import type { RouteSpec } from './alerting-settings.js';

// A ticket without a team (or policy, or tier) matches `""` in a route.
const valueOf = (labels: AlertLabels, label: RouteLabel): string => labels[label] ?? '';

const matches = (route: RouteSpec, labels: AlertLabels): boolean =>
  Object.entries(route.match).every(([label, values]) =>
    values.includes(valueOf(labels, label as RouteLabel)),
  );

/**
 * The receivers an alert goes to, walking the route tree as Alertmanager does: a route
 * that matches hands the alert to its first matching child, and to the next ones while
 * the children that matched say `continue`; when no child takes it, the route's own
 * receivers do. Each receiver once, in the order found.
 */
export function routeAlert(root: RouteSpec, labels: AlertLabels): string[] {
  const found = new Set<string>();
  const visit = (route: RouteSpec): boolean => {
    if (!matches(route, labels)) return false;
    let taken = false;
    for (const child of route.routes) {
      if (!visit(child)) continue;
      taken = true;
      if (!child.continue) break;
    }
    if (!taken) for (const r of route.receivers) found.add(r);
    return true;
  };
  visit(root);
  return [...found];
}
