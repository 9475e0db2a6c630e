import type { Channel, Priority } from '@slawatch/core';

/**
 * The support floor the simulator models: who works there, what arrives, and how long
 * things take. Durations are compressed (minutes, not hours) so that a demo shows at-risk
 * tickets and breaches within minutes under `demo-policies.yaml`.
 */

export const TEAM_IDS = ['emea', 'americas', 'apac', 'platform'] as const;
export type TeamId = (typeof TEAM_IDS)[number];

export const TIERS = ['enterprise', 'business', 'free'] as const;
export type Tier = (typeof TIERS)[number];

export interface TeamProfile {
  readonly id: TeamId;
  /** Whose working day shapes this team's arrivals (IANA zone); null for a flat curve. */
  readonly timeZone: string | null;
  /** Share of new tickets routed to the team (escalations come on top for platform). */
  readonly share: number;
  readonly channels: Readonly<Partial<Record<Channel, number>>>;
}

export const TEAMS: Readonly<Record<TeamId, TeamProfile>> = {
  emea: {
    id: 'emea',
    timeZone: 'Europe/Berlin',
    share: 0.34,
    channels: { email: 35, web: 20, chat: 25, phone: 10, social: 5, other: 5 },
  },
  americas: {
    id: 'americas',
    timeZone: 'America/New_York',
    share: 0.34,
    channels: { email: 30, web: 20, chat: 30, phone: 12, social: 8 },
  },
  apac: {
    id: 'apac',
    timeZone: 'Asia/Singapore',
    share: 0.24,
    channels: { email: 40, web: 25, chat: 25, social: 10 },
  },
  // Second line: monitoring alerts arrive by API, and the other teams escalate here.
  platform: { id: 'platform', timeZone: null, share: 0.08, channels: { api: 70, email: 30 } },
};

/** The team escalated tickets move to. */
export const ESCALATION_TEAM: TeamId = 'platform';

export const PRIORITY_WEIGHTS: Readonly<Record<Priority, number>> = {
  urgent: 5,
  high: 20,
  normal: 55,
  low: 20,
};

/** From most to least pressing: the order agents take queued tickets in. */
export const PRIORITY_ORDER: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];

/** Categories and the queue each is worked in; `category` also drives repeat contacts. */
export const CATEGORIES = {
  login: 'technical',
  bug: 'technical',
  outage: 'technical',
  'data-export': 'technical',
  invoice: 'billing',
  refund: 'billing',
  'plan-change': 'billing',
  'how-to': 'general',
  'feature-request': 'general',
} as const;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_IDS = Object.keys(CATEGORIES) as Category[];

/**
 * Requesters: a fixed population, some far more active than others (so the same person
 * comes back about the same thing: repeat contacts). Tier and company follow from the id.
 */
export const REQUESTERS = 4_000;
export const REQUESTERS_PER_CUSTOMER = 5;

/** Mean agent work per reply, by channel (ms); a reply to a follow-up takes 70 % of it. */
export const WORK_MS: Readonly<Record<Channel, number>> = {
  chat: 35_000,
  phone: 45_000,
  social: 40_000,
  web: 55_000,
  email: 65_000,
  api: 60_000,
  other: 60_000,
};

/** Concurrent tickets an agent works on (chat-style concurrency), drawn per agent. */
export const CAPACITY = { min: 2, max: 4 } as const;

/**
 * Calibration of `--rate` to tickets: the mean number of events a ticket produces, and
 * the agent time (ms of a capacity slot) it takes, measured from the model itself over
 * simulated days. Arrivals and staffing are sized from them; a test checks that a day
 * comes out within a quarter of the asked rate.
 */
export const EVENTS_PER_TICKET = 11;
export const SLOT_MS_PER_TICKET = 90_000;

/**
 * Rosters are sized for this share of the load they expect: busy but coping, until the
 * morning rush outruns a roster planned on the hour before (see `rosterFor`).
 */
export const STAFFING_UTILIZATION = 0.85;

export const MINUTE = 60_000;
