import type { MetricValues } from '@slawatch/core';
import type { AgentsAnswer } from '../api/agents-api';
import type { DrillRequest } from '../drill-down/drill-query';
import { clockChoices, type DrillTarget } from '../drill-down/drill-target';
import { sortFigureRows, type FigureRowOrder } from '../teams/sort-figure-rows';
import type { RowSort } from '../teams/sort-team-rows';
import { AGENT_COLUMNS, type AgentColumnKey } from './agent-columns';

/** The gateway's names for "nobody" and for the agents past the cap (NONE, OTHER in core). */
const NONE = '-';
const OTHER = 'other';

/** The team's own row, first whatever the order; its `agent` (as in the CSV). */
export const TEAM_ROW = '*';

/** One row of the Agents table: the team's, or one agent's over the team's tickets. */
export interface AgentRow {
  /** The agent as the gateway names it; {@link TEAM_ROW} for the team's row. */
  readonly agent: string;
  readonly label: string;
  readonly isTeam: boolean;
  readonly figures: MetricValues;
}

export type AgentSortColumn = 'name' | AgentColumnKey;
export type AgentSort = RowSort<AgentSortColumn>;
export const AGENTS_BY_NAME: AgentSort = { column: 'name', direction: 'ascending' };

/** A team's name in a title ("Team emea"; the tickets of no team have no name). */
export const teamLabel = (team: string): string =>
  team === NONE ? 'No team' : team === OTHER ? 'Other teams' : `Team ${team}`;

/** An agent's name as the table shows it. */
export const agentLabel = (agent: string): string =>
  agent === NONE ? 'Unassigned' : agent === OTHER ? 'Other agents' : agent;

/** The team's row, then one per agent in the gateway's order. */
export function buildAgentRows(answer: AgentsAnswer): AgentRow[] {
  return [
    { agent: TEAM_ROW, label: teamLabel(answer.team), isTeam: true, figures: answer.teamValues },
    ...Object.entries(answer.values).map(([agent, figures]) => ({
      agent,
      label: agentLabel(agent),
      isTeam: false,
      figures,
    })),
  ];
}

const AGENT_ORDER: FigureRowOrder<AgentRow> = {
  pinned: (r) => r.isTeam,
  name: (r) => r.agent,
  // Named agents first, then the unassigned tickets, then the agents past the cap.
  rank: (r) => (r.agent === NONE ? 1 : r.agent === OTHER ? 2 : 0),
  figures: (r) => r.figures,
};

/** The rows in the order asked for, the team's first whatever the order (it is the yardstick). */
export function sortAgentRows(rows: readonly AgentRow[], sort: AgentSort): AgentRow[] {
  const column =
    sort.column === 'name' ? undefined : AGENT_COLUMNS.find((c) => c.key === sort.column);
  return sortFigureRows(rows, AGENT_ORDER, sort.direction === 'ascending', column?.value);
}

/**
 * Whether a row's counts open to their tickets: not the agents past the cap (many agents
 * under one name), nor anything of the team `other` (teams past the cap), whose tickets no
 * filter names.
 */
export const mayDrill = (answer: AgentsAnswer, row: AgentRow): boolean =>
  answer.team !== OTHER && row.agent !== OTHER;

/** What a cell of the Agents table opens: its list, of the team and the row's agent. */
export function agentDrillRequest(
  target: DrillTarget,
  answer: AgentsAnswer,
  row: AgentRow,
): DrillRequest {
  const team = teamLabel(answer.team);
  return {
    target,
    filters: row.isTeam ? { team: answer.team } : { team: answer.team, assignee: row.agent },
    since: answer.from,
    values: row.figures,
    whose: row.isTeam ? team : `${row.label} · ${team}`,
    clocks: clockChoices(row.figures),
  };
}
