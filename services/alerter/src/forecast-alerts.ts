import {
  decodeCompact,
  foldTicket,
  forecastNotifications,
  ticketView,
  type ForecastAlert,
  type Notification,
} from '@slawatch/core';
import { ForecastBoard, type RedisClient, type UpdateDeps } from '@slawatch/store';
import type { Logger } from '@slawatch/telemetry';
import { MinuteRounds } from './minute-rounds.js';
import { Counter, type Registry } from 'prom-client';

/** Open alerts checked for their end in one round, at most. */
const CHECK_LIMIT = 5_000;

interface OpenAlert {
  readonly alert: ForecastAlert;
  readonly receivers: readonly string[];
}

export interface ForecastAlertsOptions {
  readonly redis: RedisClient;
  /** The hash of open forecast alerts (`keys.forecastAlerts`). */
  readonly key: string;
  readonly update: Pick<UpdateDeps, 'store' | 'metrics' | 'timers' | 'policies' | 'notifications'>;
  /** Most tickets one forecast reads (SLAWATCH_LIST_SCAN_LIMIT). */
  readonly scanLimit: number;
  readonly log: Logger;
  readonly registry?: Registry;
  readonly now?: () => number;
}

/**
 * The `forecast` alert level (docs/alerts.md): once a minute, every clock the breach
 * forecast gives at least `alerting.forecast.minProbability` gets a trigger to the
 * receivers its route names, once; when the clock stops (met, breached, cancelled, the
 * ticket deleted) its resolve goes to the same receivers. Open alerts are kept in Redis,
 * and a notification's id is the same whoever computes it, so several alerters may run
 * this together: the queue takes each notification once.
 */
export class ForecastAlerts extends MinuteRounds {
  private readonly board: ForecastBoard;
  private readonly sent: Counter;

  constructor(private readonly options: ForecastAlertsOptions) {
    super({
      name: 'forecast alerts',
      gauge: 'slawatch_forecast_alerts_last_round_timestamp_seconds',
      log: options.log,
      registry: options.registry,
      now: options.now,
    });
    const { store, metrics, timers, policies } = options.update;
    this.board = new ForecastBoard(
      { store, metrics, timers, policies, now: this.now },
      options.scanLimit,
    );
    const registers = options.registry ? [options.registry] : [];
    this.sent = new Counter({
      name: 'slawatch_forecast_alerts_total',
      help: 'Forecast alerts raised (trigger) and ended (resolve) by this alerter, each sent to every receiver its route names.',
      labelNames: ['action'],
      registers,
    });
  }

  /** Whether forecast alerts are asked for, by the document in force. */
  get enabled(): boolean {
    const { alerting } = this.options.update.policies;
    return alerting.forecast !== null && alerting.receivers.length > 0;
  }

  protected async work(): Promise<void> {
    const { redis, key, update } = this.options;
    const { alerting, calendar } = update.policies;
    const queue = update.notifications;
    if (!alerting.forecast || !queue) return;
    const now = this.now();
    const open = new Map(
      Object.entries(await redis.hgetall(key)).map(([f, v]) => [f, JSON.parse(v) as OpenAlert]),
    );
    // Resolves first: a clock that stopped and started a new cycle ends its old alert.
    await this.resolveEnded(open, now);
    const forecast = await this.board.current();
    const raised: [string, OpenAlert][] = [];
    const triggers: Notification[] = [];
    for (const e of forecast.entries) {
      if (e.probability < alerting.forecast.minProbability) break;
      const field = `${e.ticketId}|${e.clock}|${e.cycle}`;
      if (open.has(field)) continue;
      const alert: ForecastAlert = {
        ticketId: e.ticketId,
        cycle: e.cycle,
        deadline: Date.parse(e.deadline),
        probability: e.probability,
        labels: {
          team: e.team,
          priority: e.priority,
          policy: e.policy,
          clock: e.clock,
          level: 'forecast',
          customerTier: e.customerTier,
        },
      };
      const ns = forecastNotifications(alert, 'trigger', now, alerting, calendar);
      if (ns.length === 0) continue;
      triggers.push(...ns);
      raised.push([field, { alert, receivers: ns.map((n) => n.receiver) }]);
    }
    if (raised.length === 0) return;
    // Queued before they are recorded: a crash in between queues them again next round,
    // and the queue takes a notification id once.
    await queue.enqueue(triggers, now);
    await redis.hset(key, Object.fromEntries(raised.map(([f, o]) => [f, JSON.stringify(o)])));
    this.sent.inc({ action: 'trigger' }, triggers.length);
  }

  /** Queues the resolve of every open alert whose clock is no longer running or paused. */
  private async resolveEnded(open: ReadonlyMap<string, OpenAlert>, now: number): Promise<void> {
    const { redis, key, update } = this.options;
    const { policies } = update;
    const fields = [...open.keys()].slice(0, CHECK_LIMIT);
    const ids = [...new Set(fields.map((f) => open.get(f)!.alert.ticketId))];
    const records = await update.store.load(ids);
    const ended: string[] = [];
    const resolves: Notification[] = [];
    for (const field of fields) {
      const { alert, receivers } = open.get(field)!;
      const record = records.get(alert.ticketId);
      const view =
        record && record.version > 0
          ? ticketView(
              foldTicket(
                alert.ticketId,
                record.history.map((c) => decodeCompact(alert.ticketId, c)),
                policies,
                now,
              ),
              now,
              policies,
            )
          : null;
      const clock = view?.clocks.find(
        (c) => c.kind === alert.labels.clock && c.cycle === alert.cycle,
      );
      if (clock && (clock.state === 'running' || clock.state === 'paused')) continue;
      ended.push(field);
      resolves.push(
        ...forecastNotifications(
          alert,
          'resolve',
          now,
          policies.alerting,
          policies.calendar,
          receivers,
        ),
      );
    }
    if (ended.length === 0) return;
    await update.notifications!.enqueue(resolves, now);
    await redis.hdel(key, ...ended);
    this.sent.inc({ action: 'resolve' }, resolves.length);
  }
}
