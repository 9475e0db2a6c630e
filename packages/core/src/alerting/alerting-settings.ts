import type { AlertLevel, RouteLabel } from './alert-labels.js';
import type { DigestEvery, DigestSchedule } from './digest-schedule.js';

/** Where a secret comes from: the name of an environment variable, never the value. */
export type EnvRef = string;

interface ReceiverBase {
  readonly id: string;
  /** Deliveries per minute at most; the rest wait and are summarized (default 60). */
  readonly ratePerMinute: number;
  /** Quiet while this calendar is closed; the levels in `except` still go out. */
  readonly quietHours: { readonly outside: string; readonly except: readonly AlertLevel[] } | null;
}

export type ReceiverSpec = ReceiverBase &
  (
    | { readonly type: 'webhook'; readonly urlEnv: EnvRef; readonly secretEnv: EnvRef | null }
    | { readonly type: 'slack'; readonly urlEnv: EnvRef }
    | { readonly type: 'pagerduty'; readonly routingKeyEnv: EnvRef; readonly url: string }
    | { readonly type: 'alertmanager'; readonly url: string }
    | {
        readonly type: 'email';
        readonly smtp: {
          readonly host: string;
          readonly port: number;
          readonly secure: boolean;
          readonly user: string | null;
          readonly passwordEnv: EnvRef | null;
        };
        readonly from: string;
        readonly to: readonly string[];
      }
  );
export type ReceiverType = ReceiverSpec['type'];

/**
 * A node of the route tree, as in Alertmanager: an alert that matches goes to the first
 * child route that matches it (and on to later ones while they say `continue`), or to
 * this node's receivers when no child takes it.
 */
export interface RouteSpec {
  readonly match: Readonly<Partial<Record<RouteLabel, readonly string[]>>>;
  readonly receivers: readonly string[];
  readonly continue: boolean;
  readonly routes: readonly RouteSpec[];
}

/** The `alerting` section of the policy document. */
export interface AlertingSettings {
  /** After a breach, remind at these offsets (wall clock) while the clock stays breached. */
  readonly reminders: readonly number[];
  /** Alerts of one team and receiver within this window go out as one message. */
  readonly groupWindowMs: number;
  /** Links in messages: `{ticketId}` is replaced by the ticket id. */
  readonly ticketUrl: string | null;
  readonly receivers: readonly ReceiverSpec[];
  readonly route: RouteSpec;
  /**
   * Raise a `forecast` alert for a clock the breach forecast gives at least this
   * probability within the hour; null (the default): no forecast alerts.
   */
  readonly forecast: { readonly minProbability: number } | null;
  /**
   * Raise a `feedback` alert for each low survey newly on the follow-up list, CSAT and
   * NPS scores at most these (no higher than the list's own thresholds); null (the
   * default): no feedback alerts.
   */
  readonly feedback: FeedbackSettings | null;
  /** Scheduled digests of the headline figures (`alerting.digests`); none by default. */
  readonly digests: readonly DigestSpec[];
}

/** One entry of `alerting.digests`: a report of a period's headline figures, on a schedule. */
export interface DigestSpec {
  readonly id: string;
  readonly every: DigestEvery;
  /** As written: `"mon 08:00"`, `"08:00"`. */
  readonly at: string;
  readonly schedule: DigestSchedule;
  /** The calendar whose time zone `at` is in; null: UTC. */
  readonly calendar: string | null;
  /** One digest per team, of that team's figures; null: one of every team together. */
  readonly teams: readonly string[] | null;
  readonly receivers: readonly string[];
}

/** `alerting.feedback`: which low scores of the follow-up list are announced. */
export interface FeedbackSettings {
  readonly csatAtMost: number;
  readonly npsAtMost: number;
}

/** No `alerting` section: alerts go only to the `sla.alerts` topic, as before. */
export const NO_ALERTING: AlertingSettings = {
  reminders: [],
  groupWindowMs: 30_000,
  ticketUrl: null,
  receivers: [],
  route: { match: {}, receivers: [], continue: false, routes: [] },
  forecast: null,
  feedback: null,
  digests: [],
};
