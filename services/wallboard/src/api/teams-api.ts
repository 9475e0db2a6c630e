import type { ApiClient } from './api-client';
import { MalformedAnswer, read } from './json-reader';
import { isMetricsData, isTrendData, type MetricsData, type TrendData } from './metrics-data';

/** `GET /api/v1/metrics`'s answer, with the instants it is of and counts from (ms). */
export interface MetricsAnswer extends MetricsData {
  readonly at: number;
  readonly from: number;
}

/** The routes the Teams page reads (docs/api.md, "Metrics and trends"). */
export interface TeamsApi {
  metrics(window: string, dimension: string): Promise<MetricsAnswer>;
  trend(window: string, dimension: string): Promise<TrendData>;
}

/**
 * Reads a metrics answer. Only its frame is checked: a figure missing inside it shows "—"
 * (readFigure), as on the board, rather than failing the whole table.
 */
export function parseMetricsAnswer(value: unknown): MetricsAnswer {
  if (!isMetricsData(value)) throw new MalformedAnswer('', 'window, dimension and values');
  const fields = value as MetricsData & { readonly at?: unknown; readonly from?: unknown };
  return { ...value, at: read.instant(fields.at, 'at'), from: read.instant(fields.from, 'from') };
}

export function parseTrendAnswer(value: unknown): TrendData {
  if (!isTrendData(value)) throw new MalformedAnswer('', 'window, dimension and slices');
  return value;
}

const query = (window: string, dimension: string): string =>
  new URLSearchParams({ window, dimension }).toString();

/** {@link TeamsApi} over the gateway, as the signed-in token. */
export const teamsApi = (api: ApiClient): TeamsApi => ({
  metrics: (window, dimension) =>
    api.send('GET', `api/v1/metrics?${query(window, dimension)}`).then(parseMetricsAnswer),
  trend: (window, dimension) =>
    api.send('GET', `api/v1/metrics/trend?${query(window, dimension)}`).then(parseTrendAnswer),
});
