import { batch, signal } from '@preact/signals';
import { clockKey, type FollowUp, type ListedClock } from '@slawatch/wire';
import {
  isMetricsData,
  isTrendData,
  scopeDimension,
  valueOf,
  type MetricsData,
  type TrendData,
} from '../api/metrics-data';
import type { BoardView } from '../state/board-view';
import { scopeKey } from '../state/scope';
import { GaugeHistory } from '../tiles/gauge-history';
import { readFigure } from '../tiles/read-figure';
import { TILE_SPECS } from '../tiles/tile-specs';
import { FirstSeen } from './first-seen';
import { followUpKeys } from './follow-up-keys';
import type { ConnectionStatus } from './live-connection';
import type { ServerMessage } from './server-message';
import type { SubscriptionId } from './subscriptions-for';

/** A view's data and the server instant it is as of. */
export interface Received<T> {
  readonly at: number;
  readonly data: T;
}

/** A breach on the feed, with when this page first saw it (null: it was there on arrival). */
export interface FeedItem {
  readonly clock: ListedClock;
  readonly firstSeen: number | null;
}

/** A low score to follow up, its row's key, and when this page first saw it (as above). */
export interface FollowUpItem {
  readonly followUp: FollowUp;
  readonly key: string;
  readonly firstSeen: number | null;
}

const GAUGES = TILE_SPECS.filter((s) => s.history.kind === 'gauge');

/** The series of a gauge in {@link GaugeHistory}: per scope, since gauges do not depend on the window. */
export const gaugeSeries = (view: BoardView, key: string): string =>
  `${scopeKey(view.scope)}|${key}`;

/** A list of a view's data, when it has one under `field`. */
function listOf<T>(data: unknown, field: 'clocks' | 'breaches' | 'followUps'): T[] | null {
  if (typeof data !== 'object' || data === null) return null;
  const list = (data as Record<string, unknown>)[field];
  return Array.isArray(list) ? (list as T[]) : null;
}

/**
 * What the live stream has said about the current view, as signals the page renders from.
 * After a view change, a subscription's data is cleared and its updates ignored until the
 * new view's snapshot arrives: figures of the previous scope must never be shown under
 * the new one's title.
 */
export class LiveData {
  readonly metrics = signal<Received<MetricsData> | null>(null);
  readonly trend = signal<Received<TrendData> | null>(null);
  readonly atRisk = signal<Received<readonly ListedClock[]> | null>(null);
  readonly breaches = signal<Received<readonly FeedItem[]> | null>(null);
  readonly followUps = signal<Received<readonly FollowUpItem[]> | null>(null);
  /** What the gateway refused, per subscription (`general` for a message without an id). */
  readonly errors = signal<Readonly<Record<string, string>>>({});
  readonly status = signal<ConnectionStatus>('connecting');
  /** The newest server instant heard of (data or heartbeat): "updated". */
  readonly lastAt = signal<number | null>(null);
  /** When this page last heard anything (its own clock), for "no word for 40 s". */
  readonly lastHeardAt = signal<number>(Date.now());
  /** Bumped on every gauge sample, so sparklines redraw. */
  readonly gaugeVersion = signal(0);
  readonly gauges = new GaugeHistory();
  private view: BoardView | null = null;
  private readonly pending = new Set<string>();
  private readonly seenBreaches = new FirstSeen();
  private readonly seenFollowUps = new FirstSeen();

  /** The view is about to change to `view`: forget what belongs to the old one. */
  expect(view: BoardView): void {
    if (this.view) this.breakGauges(this.view);
    this.view = view;
    batch(() => {
      this.metrics.value = null;
      this.trend.value = null;
      this.atRisk.value = null;
      this.breaches.value = null;
      this.followUps.value = null;
      this.errors.value = {};
    });
    this.seenBreaches.clear();
    this.seenFollowUps.clear();
    const ids: SubscriptionId[] = ['metrics', 'trend', 'atRisk', 'breaches', 'followUps'];
    for (const id of ids) this.pending.add(id);
  }

  setStatus(status: ConnectionStatus): void {
    // What the gauges did while nobody was listening is unknown: a gap, not a flat line.
    if (status === 'lost' && this.status.peek() !== 'lost' && this.view)
      this.breakGauges(this.view);
    this.status.value = status;
  }

  apply(message: ServerMessage, receivedAt: number): void {
    batch(() => {
      this.lastHeardAt.value = receivedAt;
      switch (message.type) {
        case 'heartbeat':
          this.heardAt(Date.parse(message.at));
          return;
        case 'snapshot':
        case 'update':
          this.received(message.type, message.id, Date.parse(message.at), message.data);
          return;
        case 'error': {
          const detail = message.path ? `${message.message} (${message.path})` : message.message;
          this.errors.value = { ...this.errors.peek(), [message.id ?? 'general']: detail };
          return;
        }
        case 'unsubscribed':
          return;
      }
    });
  }

  private heardAt(at: number): void {
    const last = this.lastAt.peek();
    if (Number.isFinite(at) && (last === null || at > last)) this.lastAt.value = at;
  }

  private received(type: 'snapshot' | 'update', id: string, at: number, data: unknown): void {
    const view = this.view;
    if (view === null || !Number.isFinite(at)) return;
    // Until its snapshot, an update may still be of the view this id had before.
    if (type === 'update' && this.pending.has(id)) return;
    const fresh = this.pending.delete(id);
    if (this.errors.peek()[id] !== undefined) {
      const { [id]: _cleared, ...rest } = this.errors.peek();
      this.errors.value = rest;
    }
    const sameQuery = (d: { window: string; dimension: string }) =>
      d.window === view.window && d.dimension === scopeDimension(view.scope);
    switch (id) {
      case 'metrics':
        if (!isMetricsData(data) || !sameQuery(data)) return;
        this.metrics.value = { at, data };
        this.sampleGauges(view, at, data);
        break;
      case 'trend':
        if (!isTrendData(data) || !sameQuery(data)) return;
        this.trend.value = { at, data };
        break;
      case 'atRisk': {
        const clocks = listOf<ListedClock>(data, 'clocks');
        if (clocks) this.atRisk.value = { at, data: clocks };
        break;
      }
      case 'breaches': {
        const clocks = listOf<ListedClock>(data, 'breaches');
        if (!clocks) break;
        const seen = this.seenBreaches.mark(clocks.map(clockKey), Date.now(), fresh);
        this.breaches.value = {
          at,
          data: clocks.map((clock, i) => ({ clock, firstSeen: seen[i]! })),
        };
        break;
      }
      case 'followUps': {
        const list = listOf<FollowUp>(data, 'followUps');
        if (!list) break;
        const keys = followUpKeys(list);
        const seen = this.seenFollowUps.mark(keys, Date.now(), fresh);
        this.followUps.value = {
          at,
          data: list.map((followUp, i) => ({ followUp, key: keys[i]!, firstSeen: seen[i]! })),
        };
        break;
      }
      default:
        return;
    }
    this.heardAt(at);
  }

  private breakGauges(view: BoardView): void {
    const at = this.lastAt.peek();
    if (at === null) return;
    for (const spec of GAUGES) this.gauges.interrupt(gaugeSeries(view, spec.key), at);
    this.gaugeVersion.value = this.gaugeVersion.peek() + 1;
  }

  private sampleGauges(view: BoardView, at: number, data: MetricsData): void {
    const values = valueOf(data.values, view.scope);
    for (const spec of GAUGES)
      this.gauges.add(
        gaugeSeries(view, spec.key),
        at,
        values ? readFigure(spec.value, values) : null,
      );
    this.gaugeVersion.value = this.gaugeVersion.peek() + 1;
  }
}
