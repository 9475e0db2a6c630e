import type { EventDataByType, EventType, TicketEvent } from '@slawatch/core';
import type { Delivery, DeliveryFaults } from './delivery.js';
import { MINUTE } from './floor-profile.js';
import type { Ticket } from './floor-state.js';
import type { SeededRandom } from './seeded-random.js';
import { TimedQueue } from './timed-queue.js';

/**
 * Turns what happens on the floor into CloudEvents and holds them until they are
 * delivered: on time, late, or twice, as the delivery faults draw.
 */
export class EventOutbox {
  lateDeliveries = 0;
  duplicateDeliveries = 0;
  delivered = 0;
  private readonly queue = new TimedQueue<Delivery>();
  private seq = 0;
  /** While a history before the start is written: delivered at the start, in time order. */
  private history: Delivery[] | null = null;

  constructor(
    private readonly random: SeededRandom,
    private readonly faults: DeliveryFaults,
    readonly source: string,
    private readonly runTag: string,
    private readonly start: number,
  ) {}

  /**
   * Publishes an event of `ticket` at `at`, nudged past the ticket's previous event so a
   * ticket's events never tie (ties would make their order depend on delivery).
   */
  publish<T extends EventType>(
    ticket: Ticket,
    at: number,
    type: T,
    data: EventDataByType[T],
  ): void {
    const time = Math.max(at, ticket.lastTime + 1);
    ticket.lastTime = time;
    const event = {
      specversion: '1.0',
      id: `${this.runTag}-${++this.seq}`,
      source: this.source,
      type,
      subject: ticket.id,
      time: new Date(time).toISOString(),
      datacontenttype: 'application/json',
      data,
    } as TicketEvent;
    if (this.history) {
      this.history.push({ key: ticket.id, event, deliverAt: time, late: false, duplicate: false });
      return;
    }
    const late = this.random.chance(this.faults.lateShare);
    const deliverAt = late
      ? time + this.random.between(5_000, 3 * MINUTE)
      : Math.max(time, this.start);
    if (late) this.lateDeliveries++;
    this.queue.push(deliverAt, { key: ticket.id, event, deliverAt, late, duplicate: false });
    if (this.random.chance(this.faults.duplicateShare)) {
      this.duplicateDeliveries++;
      const again = deliverAt + this.random.between(200, MINUTE);
      this.queue.push(again, {
        key: ticket.id,
        event,
        deliverAt: again,
        late: false,
        duplicate: true,
      });
    }
  }

  /**
   * Runs `write`, whose events happened before the start: they are delivered at the start,
   * sorted by time, with no faults (a helpdesk catching a new consumer up).
   */
  recordHistory(write: () => void): void {
    this.history = [];
    write();
    const history = this.history.sort((a, b) => a.deliverAt - b.deliverAt);
    this.history = null;
    for (const d of history) this.queue.push(this.start, { ...d, deliverAt: this.start });
  }

  /** The deliveries due by `to`, in delivery order. */
  due(to: number): Delivery[] {
    const out: Delivery[] = [];
    for (let d = this.queue.popDue(to); d; d = this.queue.popDue(to)) out.push(d.item);
    this.delivered += out.length;
    return out;
  }
}
