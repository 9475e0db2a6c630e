import { validateEvent, type AcceptedEvent } from '@slawatch/core';
import { seededRandom } from './seeded-random.js';

const PRIORITIES = ['urgent', 'high', 'normal', 'normal', 'low'] as const;
const CHANNELS = ['email', 'chat', 'phone', 'web'] as const;
const TEAMS = ['emea', 'us', 'apac', 'latam', 'vip-desk'] as const;
const QUEUES = ['billing', 'tech', 'accounts', 'shipping', 'returns', 'api', 'mobile', 'other'];
const TIERS = ['enterprise', 'business', 'standard'] as const;
const CATEGORIES = ['login', 'invoice', 'bug', 'refund', 'how-to'] as const;

/**
 * How tickets find their agent: `team`, each of the 200 agents works in one team (40 a
 * team) and one ticket in ten goes to any agent (helping out), as the simulator and
 * helpdesks assign them; `any`, every ticket to any agent whatever its team (the model
 * until 2026-12-07: five times the team and agent pairs of the agents view).
 */
export type AgentModel = 'team' | 'any';

/**
 * One ticket's events for the metrics benchmark: created at `createdAt`, with replies,
 * customer follow-ups, pauses, a solve for most, sometimes a reopen, an escalation and
 * surveys; 200 agents, 20,000 requesters. Validated like the tracker validates them.
 */
export function ticketEvents(
  n: number,
  createdAt: number,
  until: number,
  random = seededRandom(n),
  agents: AgentModel = 'team',
): AcceptedEvent[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const subject = `T-${n}`;
  const raw: object[] = [];
  let time = createdAt;
  let seq = 0;
  const push = (type: string, data: object) => {
    if (time > until) return;
    raw.push({
      specversion: '1.0',
      id: `m-${n}-${seq++}`,
      source: 'bench',
      type,
      subject,
      time: new Date(time).toISOString(),
      data,
    });
  };
  const priority = pick(PRIORITIES);
  const channel = pick(CHANNELS);
  const team = pick(TEAMS);
  const queue = pick(QUEUES);
  const customerTier = pick(TIERS);
  // The same draws in both models, so every other field is the same ticket for ticket.
  const a = Math.floor(random() * 200);
  const agent = agents === 'any' || a < 20 ? a : TEAMS.indexOf(team) * 40 + (a % 40);
  push('ticket.created', {
    priority,
    channel,
    team,
    queue,
    customerTier,
    assigneeId: `agent-${agent}`,
    requesterId: `req-${Math.floor(random() * 20_000)}`,
    category: pick(CATEGORIES),
  });
  const steps = 2 + Math.floor(random() * 6);
  for (let k = 0; k < steps; k++) {
    time += Math.floor(random() * 2 * 3_600_000);
    const r = random();
    if (r < 0.4) push('ticket.commented', { author: 'agent', public: true });
    else if (r < 0.6) push('ticket.commented', { author: 'customer', public: true });
    else if (r < 0.7) push('ticket.status_changed', { status: pick(['pending', 'open']) });
    else if (r < 0.75) push('ticket.escalated', { level: 1 });
    else if (r < 0.82) push('ticket.status_changed', { status: 'solved' });
    else if (r < 0.85) push('ticket.status_changed', { status: 'open' });
    else push('ticket.commented', { author: 'agent', public: false });
  }
  if (random() < 0.85) {
    time += Math.floor(random() * 3_600_000);
    push('ticket.status_changed', { status: 'solved' });
    time += Math.floor(random() * 86_400_000);
    if (random() < 0.3)
      push('ticket.surveyed', { kind: 'csat', score: 1 + Math.floor(random() * 5) });
    if (random() < 0.15) push('ticket.surveyed', { kind: 'nps', score: Math.floor(random() * 11) });
  }
  return raw.map((event, i) => {
    const v = validateEvent(event);
    if (!v.ok) throw new Error(`bench event invalid: ${JSON.stringify(v.problems)}`);
    return { event: v.event, time: v.time, seq: i };
  });
}
