import type { Scope } from '../state/scope';

/** Rows the list asks for: more than a wall screen shows; `total` says how many there were. */
export const FORECAST_LIMIT = 50;
/** What "likely" means on the board: at least an even chance of breaching. */
export const LIKELY_PROBABILITY = 0.5;

/**
 * `GET /api/v1/forecast` for the board's scope, as the live lists filter it (a team or a
 * queue). Within the hour, the gateway's horizon. The threshold is sent, not left to the
 * gateway's default, because the page's wording ("likely") depends on it.
 */
export function forecastPath(scope: Scope): string {
  const query = new URLSearchParams({
    minProbability: String(LIKELY_PROBABILITY),
    limit: String(FORECAST_LIMIT),
  });
  if (scope.kind !== 'all') query.set(scope.kind, scope.value);
  return `api/v1/forecast?${query.toString()}`;
}
