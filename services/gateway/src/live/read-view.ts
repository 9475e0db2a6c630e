import type { GatewayDeps } from '../gateway-deps.js';
import type { ViewQuery } from './view-query.js';

const MINUTE = 60_000;

const metricOptions = (q: Extract<ViewQuery, { kind: 'metrics' | 'trend' }>) => ({
  windowMs: q.window.ms,
  dimension: q.dimension,
  ...(q.values ? { values: q.values } : {}),
});

/**
 * A view's data as of `now`, in the REST routes' shapes: `{clocks}` for the at-risk list,
 * `{breaches}` for the breach feed, `{followUps}` for the low survey scores, the metrics
 * report or trend without its `at` (the message carries it), so that equal numbers
 * serialize equally and need not be sent again.
 */
export async function readView(
  deps: Pick<GatewayDeps, 'metrics' | 'lists'>,
  q: ViewQuery,
  now: number,
  /** Aborted once the view closed: a list read stops between pages. */
  signal?: AbortSignal,
): Promise<object> {
  switch (q.kind) {
    case 'metrics': {
      const { window, from, dimension, values } = await deps.metrics.query(metricOptions(q), now);
      return { window, from, dimension, values };
    }
    case 'trend': {
      const { window, dimension, stepMinutes, slices } = await deps.metrics.trend(
        metricOptions(q),
        now,
      );
      return { window, dimension, stepMinutes, slices };
    }
    case 'atRisk':
      return {
        clocks: await deps.lists.atRisk(q.filters, q.limit, {
          paused: q.paused,
          ...(signal ? { signal } : {}),
        }),
      };
    case 'breaches':
      return {
        breaches: await deps.lists.breaches(
          now - q.sinceMinutes * MINUTE,
          q.filters,
          q.limit,
          signal ? { signal } : {},
        ),
      };
    case 'followUps':
      return {
        followUps: await deps.lists.followUps(now - q.sinceMinutes * MINUTE, q.filters, q.limit, {
          ...(q.survey ? { survey: q.survey } : {}),
          ...(signal ? { signal } : {}),
        }),
      };
  }
}
