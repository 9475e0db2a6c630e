import { seededRandom } from './seeded-random.js';

/** One message for the events topic: the ticket's id as key, a contract event as value. */
export interface LiveMessage {
  readonly key: string;
  readonly value: string;
}

interface Step {
  readonly type: string;
  readonly data: object;
}

interface OpenTicket {
  readonly id: string;
  readonly steps: readonly Step[];
  next: number;
  lastTime: number;
}

const PRIORITIES = ['urgent', 'high', 'normal', 'normal', 'normal', 'low'];
const TIERS = ['enterprise', 'business', 'business', 'free', 'free', 'free'];
const TEAMS = ['emea', 'americas', 'americas', 'apac', 'platform'];
const CHANNELS = ['email', 'web', 'chat', 'phone'];
const CATEGORIES = ['billing', 'login', 'data-export', 'integration'];

/**
 * Live support traffic, as `slawatch simulate-traffic` sends it but at any rate: every
 * event is stamped with the instant it is made (the current minute), and belongs to one of
 * about `openTickets` open tickets (matching packages/traffic/demo-policies.yaml), each
 * living a simulator-like story: created, assigned, opened, replies back and forth (now
 * and then an internal note, a wait on the customer, a priority change or an escalation),
 * solved, closed; about 11 events a ticket, as the simulator's floor. Seeded: the same
 * seed and rate sequence give the same tickets and stories.
 */
export class LiveEvents {
  private readonly random: () => number;
  private readonly open: OpenTicket[] = [];
  private created = 0;
  private serial = 0;

  constructor(
    private readonly openTickets: number,
    seed: number,
    private readonly runTag: string,
  ) {
    this.random = seededRandom(seed);
  }

  /** The next event, stamped `now` (or 1 ms after its ticket's last, so none tie). */
  next(now: number): LiveMessage {
    // New tickets while the floor is below its size, about one event in eleven; once full, a
    // new one only when a ticket closes, so the open tickets stay near `openTickets`.
    const creating =
      this.open.length === 0 || (this.open.length < this.openTickets && this.random() < 1 / 11);
    const index = creating ? this.open.push(this.newTicket()) - 1 : this.pick(this.open.length);
    const ticket = this.open[index]!;
    const step = ticket.steps[ticket.next++]!;
    const time = Math.max(now, ticket.lastTime + 1);
    ticket.lastTime = time;
    if (ticket.next === ticket.steps.length) {
      // Closed: swap-remove, so picking a ticket stays O(1).
      this.open[index] = this.open.at(-1)!;
      this.open.pop();
    }
    return {
      key: ticket.id,
      value: JSON.stringify({
        specversion: '1.0',
        id: `live-${this.runTag}-${++this.serial}`,
        source: 'bench-live',
        type: step.type,
        subject: ticket.id,
        time: new Date(time).toISOString(),
        data: step.data,
      }),
    };
  }

  private pick(n: number): number {
    return Math.floor(this.random() * n);
  }

  private of<T>(xs: readonly T[]): T {
    return xs[this.pick(xs.length)]!;
  }

  private newTicket(): OpenTicket {
    const n = ++this.created;
    const team = this.of(TEAMS);
    const tier = this.of(TIERS);
    const category = this.of(CATEGORIES);
    const agent = `agent-${team}-${this.pick(40)}`;
    const requesterId = `requester-${this.pick(4_000)}`;
    const steps: Step[] = [
      {
        type: 'ticket.created',
        data: {
          priority: this.of(PRIORITIES),
          channel: this.of(CHANNELS),
          status: 'new',
          team,
          requesterId,
          customerId: `customer-${this.pick(800)}`,
          customerTier: tier,
          category,
          tags: tier === 'enterprise' ? [category, 'vip'] : [category],
        },
      },
      { type: 'ticket.assigned', data: { assigneeId: agent, team } },
      { type: 'ticket.status_changed', data: { status: 'open' } },
    ];
    // Reply rounds: 1-3 of them, so that with solve and close a ticket has ~11 events.
    const rounds = 1 + this.pick(3);
    for (let r = 0; r < rounds; r++) {
      const extra = this.random();
      if (extra < 0.15)
        steps.push({
          type: 'ticket.commented',
          data: { author: 'agent', public: false, authorId: agent },
        });
      else if (extra < 0.2)
        steps.push({
          type: 'ticket.updated',
          data: { changes: { priority: this.of(PRIORITIES) } },
        });
      else if (extra < 0.23)
        steps.push({ type: 'ticket.escalated', data: { level: 1, toTeam: 'platform' } });
      steps.push({
        type: 'ticket.commented',
        data: { author: 'agent', public: true, authorId: agent },
      });
      if (this.random() < 0.3)
        steps.push({ type: 'ticket.status_changed', data: { status: 'pending' } });
      steps.push({
        type: 'ticket.commented',
        data: { author: 'customer', public: true, authorId: requesterId },
      });
      if (steps.at(-2)?.type === 'ticket.status_changed')
        steps.push({ type: 'ticket.status_changed', data: { status: 'open' } });
    }
    steps.push(
      { type: 'ticket.commented', data: { author: 'agent', public: true, authorId: agent } },
      { type: 'ticket.status_changed', data: { status: 'solved' } },
      { type: 'ticket.status_changed', data: { status: 'closed' } },
    );
    return { id: `LIVE-${this.runTag}-${n}`, steps, next: 0, lastTime: -Infinity };
  }
}
