import type { Channel, Priority } from '@slawatch/core';
import { arrivalFactor } from './daily-curve.js';
import {
  CATEGORIES,
  CATEGORY_IDS,
  PRIORITY_WEIGHTS,
  REQUESTERS,
  REQUESTERS_PER_CUSTOMER,
  TEAMS,
  TEAM_IDS,
  type Category,
  type TeamId,
  type Tier,
} from './floor-profile.js';
import type { SeededRandom } from './seeded-random.js';

/** What a new ticket is about and who sent it. */
export interface TicketDraw {
  readonly team: TeamId;
  readonly queue: string;
  readonly priority: Priority;
  readonly channel: Channel;
  readonly tier: Tier;
  readonly requesterId: string;
  readonly customerId: string;
  readonly category: Category;
  readonly spam: boolean;
}

const tierOf = (customer: number): Tier =>
  customer % 20 < 3 ? 'enterprise' : customer % 20 < 10 ? 'business' : 'free';

/** Ticket arrival intensity at `instant`, summed over teams (relative to the daily mean). */
export function arrivalIntensity(instant: number): number {
  return TEAM_IDS.reduce(
    (sum, id) => sum + TEAMS[id].share * arrivalFactor(instant, TEAMS[id].timeZone),
    0,
  );
}

/** Draws a new ticket arriving at `instant`: the team by how busy each is at that hour. */
export function drawTicket(random: SeededRandom, instant: number): TicketDraw {
  const team = random.weighted(
    Object.fromEntries(
      TEAM_IDS.map((id) => [id, TEAMS[id].share * arrivalFactor(instant, TEAMS[id].timeZone)]),
    ) as Record<TeamId, number>,
  );
  // Skewed: a few requesters write often, so the same person comes back about the same thing.
  const requester = Math.floor(REQUESTERS * random.next() ** 2.5);
  const customer = Math.floor(requester / REQUESTERS_PER_CUSTOMER);
  const tier = tierOf(customer);
  const category = random.chance(0.6)
    ? CATEGORY_IDS[requester % CATEGORY_IDS.length]!
    : random.pick(CATEGORY_IDS);
  const channel = random.weighted(TEAMS[team].channels as Record<Channel, number>);
  let priority = random.weighted(PRIORITY_WEIGHTS);
  if (category === 'outage' || channel === 'api')
    priority = random.weighted({ urgent: 40, high: 40, normal: 20 });
  else if (tier === 'enterprise' && priority !== 'urgent' && random.chance(0.3))
    priority = priority === 'low' ? 'normal' : 'high';
  const spam =
    (channel === 'email' || channel === 'web' || channel === 'social') && random.chance(0.02);
  return {
    team,
    queue: CATEGORIES[category],
    priority: spam ? 'normal' : priority,
    channel,
    tier,
    requesterId: `req-${requester}`,
    customerId: `cust-${customer}`,
    category,
    spam,
  };
}
