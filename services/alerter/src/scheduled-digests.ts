import {
  ALL,
  ALL_TEAMS,
  DIGEST_PERIOD_MS,
  digestFigures,
  digestKey,
  digestNotifications,
  digestPeriods,
  formatInstant,
  lastDigestSlot,
  type DigestFigures,
  type DigestReport,
  type DigestSpec,
  type Notification,
  type PolicySet,
} from '@slawatch/core';
import type { DigestLedger, MetricWindows } from '@slawatch/store';
import type { Logger } from '@slawatch/telemetry';
import { MinuteRounds } from './minute-rounds.js';
import { Counter, type Registry } from 'prom-client';

/** How long one alerter holds a slot it is computing before another may take it. */
const LEASE_MS = 2 * 60_000;
/**
 * After the slot, this long for the period's last events to reach the buckets (a tracker
 * a few seconds behind) before its figures are read.
 */
export const DIGEST_SETTLE_MS = 60_000;

export interface ScheduledDigestsOptions {
  readonly ledger: DigestLedger;
  readonly metrics: Pick<MetricWindows, 'period' | 'holds'>;
  readonly policies: PolicySet;
  /** Queues the digests' notifications (absent: no receivers, no digests). */
  readonly notifications?: { enqueue(list: readonly Notification[], now: number): Promise<void> };
  /** SLAWATCH_PUBLIC_URL: the wallboard's address, for the link to the full report. */
  readonly publicUrl: string | null;
  readonly log: Logger;
  readonly registry?: Registry;
  readonly now?: () => number;
  readonly settleMs?: number;
}

/** The wallboard's Reports page prefilled with the period, rows by team. */
export function digestLink(publicUrl: string | null, from: number, to: number): string | null {
  if (publicUrl === null) return null;
  const query = new URLSearchParams({
    page: 'reports',
    from: formatInstant(from),
    to: formatInstant(to),
    by: 'team',
  });
  return `${publicUrl}/?${query.toString()}`;
}

/**
 * Scheduled digests (docs/alerts.md, "Scheduled digests"): once a minute, each digest of
 * `alerting.digests` whose latest slot has passed and was not sent is computed, per team,
 * from the rolling buckets (MetricWindows.period) and queued to its receivers. A slot is
 * claimed in Redis (DigestLedger), and its notifications' ids are the same whoever computes
 * them, so several alerters send each slot once. A slot missed while no alerter ran goes
 * out late, once, while the buckets still hold its whole period; otherwise it is skipped
 * with a log line.
 */
export class ScheduledDigests extends MinuteRounds {
  private readonly outcomes: Counter<'outcome'>;

  constructor(private readonly options: ScheduledDigestsOptions) {
    super({
      name: 'scheduled digests',
      gauge: 'slawatch_digests_last_round_timestamp_seconds',
      log: options.log,
      registry: options.registry,
      now: options.now,
      runAtStart: true,
    });
    const registers = options.registry ? [options.registry] : [];
    this.outcomes = new Counter({
      name: 'slawatch_digests_total',
      help: 'Scheduled digests (one per digest, team and slot) this alerter queued (sent), skipped as too late for the buckets (skipped), or could not compute (failed, tried again next round).',
      labelNames: ['outcome'],
      registers,
    });
    for (const outcome of ['sent', 'skipped', 'failed']) this.outcomes.inc({ outcome }, 0);
  }

  /** Whether the document schedules digests and they can be queued. */
  get enabled(): boolean {
    return this.options.policies.alerting.digests.length > 0 && !!this.options.notifications;
  }

  protected async work(): Promise<void> {
    const { policies } = this.options;
    const now = this.now();
    const settle = this.options.settleMs ?? DIGEST_SETTLE_MS;
    for (const spec of policies.alerting.digests) {
      const timezone = spec.calendar === null ? 'UTC' : policies.calendar(spec.calendar).timezone;
      const slot = lastDigestSlot(spec.schedule, timezone, now - settle);
      await Promise.all(
        (spec.teams ?? [null]).map((team) => this.send(spec, timezone, slot, team, now)),
      );
    }
  }

  /** The digest of `slot` for `team`, unless it was sent or another alerter is at it. */
  private async send(
    spec: DigestSpec,
    timezone: string,
    slot: number,
    team: string | null,
    now: number,
  ): Promise<void> {
    const { ledger, log } = this.options;
    const teamKey = team ?? ALL_TEAMS;
    const key = digestKey(spec.id, teamKey, slot);
    if (!(await ledger.claim(key, LEASE_MS))) return;
    const period = digestPeriods(spec.every, slot);
    const keepMs = 2 * DIGEST_PERIOD_MS[spec.every];
    if (!this.held(period.from, now)) {
      log.warn(
        { digest: spec.id, team: teamKey, slot: formatInstant(slot) },
        'digest skipped: too late, the metric buckets no longer hold its whole period',
      );
      await ledger.sent(key, keepMs);
      this.outcomes.inc({ outcome: 'skipped' });
      return;
    }
    try {
      const figures = await this.figures(period.from, period.to, team);
      const kept = await ledger.lastHeadline(spec.id, teamKey);
      const previous =
        kept !== null && kept.to === period.from
          ? kept.figures
          : this.held(period.previous.from, now)
            ? await this.figures(period.previous.from, period.previous.to, team)
            : null;
      const report: DigestReport = {
        digest: spec.id,
        team,
        every: spec.every,
        timezone,
        from: period.from,
        to: period.to,
        figures,
        previous,
        link: digestLink(this.options.publicUrl, period.from, period.to),
      };
      const { alerting, calendar } = this.options.policies;
      const ns = digestNotifications(spec, slot, report, now, alerting, calendar);
      // One job each: its id is the notification's, so a second queuing adds nothing.
      await Promise.all(ns.map((n) => this.options.notifications!.enqueue([n], now)));
      await ledger.sent(key, keepMs);
      await ledger.keepHeadline(spec.id, teamKey, { from: period.from, to: period.to, figures });
      this.outcomes.inc({ outcome: 'sent' });
      log.info(
        { digest: spec.id, team: teamKey, slot: formatInstant(slot), receivers: ns.length },
        'digest queued',
      );
    } catch (err) {
      // Given back: the next round tries the slot again.
      await ledger.release(key).catch(() => undefined);
      this.outcomes.inc({ outcome: 'failed' });
      log.warn({ err, digest: spec.id, team: teamKey }, 'digest could not be computed');
    }
  }

  /** Whether the buckets still hold a period starting at `from` exactly. */
  private held(from: number, now: number): boolean {
    return this.options.metrics.holds(from, now);
  }

  private async figures(from: number, to: number, team: string | null): Promise<DigestFigures> {
    const value = team ?? ALL;
    const values = await this.options.metrics.period(
      { from, to, dimension: team === null ? 'all' : 'team', values: [value] },
      this.now(),
    );
    return digestFigures(values[value]!);
  }
}
