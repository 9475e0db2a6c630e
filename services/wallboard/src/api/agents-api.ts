import type { MetricValues } from '@slawatch/core';
import { ticketUrlTemplate } from '../backtest/ticket-link';
import type { ReadRoute } from '../drill-down/drill-query';
import type { ApiClient } from './api-client';
import { read } from './json-reader';

/** `GET /api/v1/agents`: one team's figures, and each of its agents' over its tickets. */
export interface AgentsAnswer {
  readonly window: string;
  readonly team: string;
  /** The instant the figures are of, and where their window starts (ms). */
  readonly at: number;
  readonly from: number;
  readonly teamValues: MetricValues;
  /** Per agent as the gateway names them: `-` the unassigned tickets, `other` past the cap. */
  readonly values: Readonly<Record<string, MetricValues>>;
}

/** The routes the Agents page reads (docs/api.md, "Agents" and "Drill-down"). */
export interface AgentsApi {
  agents(window: string, team: string): Promise<AgentsAnswer>;
  /** The same answer as CSV (`format=csv`), as a file to save. */
  csv(window: string, team: string): Promise<Blob>;
  /** The helpdesk's ticket page of the document in force, or null. */
  ticketUrl(): Promise<string | null>;
  /** Any list route, for the drill-down dialog. */
  readonly readRoute: ReadRoute;
}

/**
 * Reads an agents answer. Its frame is checked (the figures are objects); a figure missing
 * inside one shows "—" (readFigure), as on the board, rather than failing the whole table.
 */
export function parseAgentsAnswer(value: unknown): AgentsAnswer {
  const a = read.object(value, '');
  const values = read.object(a.values, 'values');
  for (const [agent, figures] of Object.entries(values)) read.object(figures, `values.${agent}`);
  return {
    window: read.string(a.window, 'window'),
    team: read.string(a.team, 'team'),
    at: read.instant(a.at, 'at'),
    from: read.instant(a.from, 'from'),
    teamValues: read.object(a.teamValues, 'teamValues') as unknown as MetricValues,
    values: values as unknown as Readonly<Record<string, MetricValues>>,
  };
}

export const agentsPath = (window: string, team: string, csv = false): string =>
  `api/v1/agents?${new URLSearchParams({ team, window, ...(csv ? { format: 'csv' } : {}) })}`;

/** The file name the gateway gives the CSV (docs/api.md, "Agents"). */
export const agentsCsvName = (window: string, team: string): string =>
  `slawatch-agents-${team.replace(/[^\w.-]/g, '_')}-${window}.csv`;

/** {@link AgentsApi} over the gateway, as the signed-in token. */
export const agentsApi = (api: ApiClient): AgentsApi => ({
  agents: (window, team) => api.send('GET', agentsPath(window, team)).then(parseAgentsAnswer),
  csv: (window, team) => api.file(agentsPath(window, team, true)),
  ticketUrl: () => api.policies().then(ticketUrlTemplate),
  readRoute: (path) => api.send('GET', path),
});
