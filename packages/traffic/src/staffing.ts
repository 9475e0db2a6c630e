import { arrivalFactor, PEAK_FACTOR } from './daily-curve.js';
import {
  CAPACITY,
  ESCALATION_TEAM,
  EVENTS_PER_TICKET,
  SLOT_MS_PER_TICKET,
  STAFFING_UTILIZATION,
  TEAMS,
  TEAM_IDS,
  type TeamId,
} from './floor-profile.js';
import type { Agent } from './floor-state.js';
import type { SeededRandom } from './seeded-random.js';

const NAMES = (
  'ana ben chloe dev elif femi greta hugo ines jonas kai lena mateo nia omar priya quinn ' +
  'rosa sven tara umar vera wei ximena yusuf zoe'
).split(' ');

/** Share of other teams' tickets escalated to the second line (the model's outcome mix). */
const ESCALATED_SHARE = 0.1;

const HOUR = 3_600_000;

/** Capacity slots a team needs at its mean load, for `rate` events per second overall. */
function meanSlots(team: TeamId, rate: number): number {
  const ticketsPerMs = rate / EVENTS_PER_TICKET / 1000;
  const share =
    team === ESCALATION_TEAM
      ? TEAMS[team].share + ESCALATED_SHARE * (1 - TEAMS[team].share)
      : TEAMS[team].share;
  return (ticketsPerMs * share * SLOT_MS_PER_TICKET) / STAFFING_UTILIZATION;
}

/**
 * Hires each team's agents, enough for its busiest hour; staffing scales with the rate so
 * the floor stays near capacity whatever the rate.
 */
export function hireStaff(random: SeededRandom, rate: number): Record<TeamId, Agent[]> {
  const staff = {} as Record<TeamId, Agent[]>;
  for (const team of TEAM_IDS) {
    const needed = meanSlots(team, rate) * (TEAMS[team].timeZone === null ? 1 : PEAK_FACTOR);
    const agents: Agent[] = [];
    let slots = 0;
    while (agents.length < 2 || slots < needed) {
      const n = agents.length;
      const name = NAMES[n % NAMES.length]!;
      const capacity = random.int(CAPACITY.min, CAPACITY.max);
      agents.push({
        id: `${team}-${name}${n < NAMES.length ? '' : Math.floor(n / NAMES.length) + 1}`,
        team,
        capacity,
        onDuty: false,
        active: 0,
        peakActive: 0,
      });
      slots += capacity;
    }
    staff[team] = agents;
  }
  return staff;
}

/**
 * Puts on duty the agents each team plans for the hour of `instant`: as many as the
 * arrivals of the hour before called for. The roster lags the day, as real rosters do, so
 * the morning rush outruns it (queues build, first responses breach) and the afternoon
 * catches up. At least one agent per team is always on.
 */
export function rosterFor(instant: number, rate: number, staff: Record<TeamId, Agent[]>): void {
  for (const team of TEAM_IDS) {
    const needed = meanSlots(team, rate) * arrivalFactor(instant - HOUR, TEAMS[team].timeZone);
    let slots = 0;
    staff[team].forEach((agent, i) => {
      agent.onDuty = i === 0 || slots < needed;
      if (agent.onDuty) slots += agent.capacity;
    });
  }
}
