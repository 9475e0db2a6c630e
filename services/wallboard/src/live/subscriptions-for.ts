import type { BoardView } from '../state/board-view';
import { windowMinutes } from '../state/window-minutes';
import type { LiveViewRequest } from '@slawatch/wire';

/** The board's five subscriptions; the ids stay the same as the view changes. */
export type SubscriptionId = 'metrics' | 'trend' | 'atRisk' | 'breaches' | 'followUps';

export const AT_RISK_LIMIT = 50;
export const BREACH_LIMIT = 30;
export const FOLLOW_UP_LIMIT = 30;
/** The low scores shown, whatever the window: the week the gateway keeps. */
export const FOLLOW_UP_DAYS = 7;
/** The gateway keeps a week of breaches on its list. */
const MAX_BREACH_MINUTES = 10_080;

/**
 * What to subscribe to for a view. Subscribing again under the same id replaces the view
 * on the gateway, so changing the scope or window is five messages and no unsubscribe.
 * The low scores are the week's whatever the window: they are rare, and one from
 * yesterday still wants its call back, where a 15-minute window would show none.
 */
export function subscriptionsFor(view: BoardView): Record<SubscriptionId, LiveViewRequest> {
  const { scope, window } = view;
  const metricQuery =
    scope.kind === 'all'
      ? { window, dimension: 'all' as const }
      : { window, dimension: scope.kind, values: [scope.value] };
  const filter = scope.kind === 'all' ? {} : { [scope.kind]: [scope.value] };
  const sinceMinutes = Math.min(MAX_BREACH_MINUTES, windowMinutes(window) ?? 1440);
  return {
    metrics: { kind: 'metrics', ...metricQuery },
    trend: { kind: 'trend', ...metricQuery },
    atRisk: { kind: 'atRisk', ...filter, limit: AT_RISK_LIMIT, paused: true },
    breaches: { kind: 'breaches', sinceMinutes, ...filter, limit: BREACH_LIMIT },
    followUps: {
      kind: 'followUps',
      sinceMinutes: FOLLOW_UP_DAYS * 1440,
      ...filter,
      limit: FOLLOW_UP_LIMIT,
    },
  };
}
