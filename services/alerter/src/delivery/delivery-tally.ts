import { Counter, type Registry } from 'prom-client';
import type { Notification } from '@slawatch/core';
import type { DeliveryOutcome, DeliveryRecord, NotificationLog } from '@slawatch/store';
import type { Logger } from '@slawatch/telemetry';

/** Deliveries by receiver and outcome, for `/metrics`. */
export type DeliveryStats = Map<string, { delivered: number; retried: number; dead: number }>;

/** One notification's attempt, as counted and recorded. */
export interface Settled {
  readonly n: Notification;
  readonly outcome: DeliveryOutcome;
  /** Attempts made so far, this one included. */
  readonly attempts: number;
  readonly error?: string;
}

/**
 * The notifier's accounts of its attempts: counts by receiver and outcome (`stats`, and
 * `slawatch_alerter_deliveries_total` in `registry`) and the notification log the gateway
 * serves, whose latest record of an alert also tells a resolve whether its trigger went.
 */
export class DeliveryTally {
  readonly stats: DeliveryStats = new Map();
  // This process's deliveries; the cluster-wide totals are the gateway's slawatch_notifications_total.
  private readonly counter: Counter<'receiver' | 'outcome'>;

  constructor(
    private readonly history: NotificationLog,
    private readonly now: () => number,
    private readonly log: Logger,
    registry: Registry | undefined,
  ) {
    this.counter = new Counter({
      name: 'slawatch_alerter_deliveries_total',
      help: 'Notification delivery attempts of this alerter by receiver and outcome: delivered, retried (failed, will retry), dead (given up on).',
      labelNames: ['receiver', 'outcome'],
      registers: registry ? [registry] : [],
    });
  }

  /** Starts a receiver's counts at zero, so that every series exists from the start. */
  add(receiver: string): void {
    const counts = { delivered: 0, retried: 0, dead: 0 };
    this.stats.set(receiver, counts);
    for (const outcome of Object.keys(counts)) this.counter.inc({ receiver, outcome }, 0);
  }

  /** Counts attempts without recording them (a grouped message's). */
  count(receiver: string, outcome: DeliveryOutcome, n: number): void {
    this.stats.get(receiver)![outcome] += n;
    this.counter.inc({ receiver, outcome }, n);
  }

  /**
   * Counts attempts and records them; resolves once they are recorded. A lost record loses
   * no notification, so a failed write is logged only.
   */
  async settle(receiver: string, settled: readonly Settled[]): Promise<void> {
    if (settled.length === 0) return;
    for (const outcome of ['delivered', 'retried', 'dead'] as const) {
      const n = settled.filter((s) => s.outcome === outcome).length;
      if (n > 0) this.count(receiver, outcome, n);
    }
    const at = new Date(this.now()).toISOString();
    const records = settled.map(({ n, outcome, attempts, error }): DeliveryRecord => ({
      id: n.id,
      receiver: n.receiver,
      action: n.action,
      alertKey: n.alertKey,
      ticketId: n.ticketId,
      clock: n.labels.clock,
      level: n.labels.level,
      team: n.labels.team,
      priority: n.labels.priority,
      outcome,
      at,
      attempts,
      ...(error === undefined ? {} : { error }),
    }));
    await this.history
      .recordMany(records, this.now())
      .catch((e: unknown) => this.log.warn({ err: e }, 'could not record a delivery'));
  }
}
