import { validateEvent, type AcceptedEvent } from '@slawatch/core';
import { seededRandom } from './seeded-random.js';

const PRIORITIES = ['urgent', 'high', 'normal', 'normal', 'low'] as const;
const CHANNELS = ['email', 'chat', 'phone', 'web'] as const;
const TEAMS = ['emea', 'us', 'apac', 'latam', 'vip-desk'] as const;
const QUEUES = ['billing', 'tech', 'accounts', 'shipping', 'returns', 'api', 'mobile', 'other'];
const TIERS = ['enterprise', 'business', 'standard'] as const;
const CATEGORIES = ['login', 'invoice', 'bug', 'refund', 'how-to'] as const;

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
  push('ticket.created', {
    priority: pick(PRIORITIES),
    channel: pick(CHANNELS),
    team: pick(TEAMS),
    queue: pick(QUEUES),
    customerTier: pick(TIERS),
    assigneeId: `agent-${Math.floor(random() * 200)}`,
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
