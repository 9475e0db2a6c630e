import type { PolicyDocument, PolicySet } from '@slawatch/core';
import type {
  ExporterLease,
  LiveDelta,
  LiveLists,
  MetricWindows,
  NotificationLog,
  TicketStore,
  TimerQueue,
} from '@slawatch/store';
import type { ReadinessCheck } from '@slawatch/telemetry';
import type { TokenStore } from './auth/token-store.js';
import type { HistorySource } from './jobs/history-source.js';
import type { JobStore } from './jobs/job-store.js';
import type { EventSink } from './ingest/event-sink.js';

/** A dependency `/readyz` checks (Kafka, Redis): resolves when reachable. */
export type { ReadinessCheck } from '@slawatch/telemetry';

/** The live deltas the tracker and alerter publish (store's DeltaSubscriber). */
export interface DeltaSource {
  /** Calls `listener` with every delta from now on; resolves once listening. */
  subscribe(listener: (delta: LiveDelta) => void): Promise<() => Promise<void>>;
}

/** What the routes read from; built by the composition root (or a test). */
export interface GatewayDeps {
  readonly store: TicketStore;
  readonly metrics: MetricWindows;
  readonly lists: LiveLists;
  /** The live deltas, which make the websocket stream's views be read again. */
  readonly deltas: DeltaSource;
  readonly tokens: TokenStore;
  readonly policies: PolicySet;
  readonly policyDocument: PolicyDocument;
  readonly readiness: readonly ReadinessCheck[];
  /** The notifications delivered, for `/api/v1/alerts`. */
  readonly deliveries: NotificationLog;
  /** Decides which gateway exports the shared SLA series to Prometheus. */
  readonly exporterLease: ExporterLease;
  /** The events topic, for `POST /api/v1/events`; absent, the gateway has no such route. */
  readonly events?: EventSink;
  /** The timer sets, for the breach forecast's clocks; absent, no `/forecast` route. */
  readonly timers?: Pick<TimerQueue, 'due'>;
  /**
   * Where background jobs (backtests, reports) read history and keep their state; absent,
   * no `/backtest` and `/reports` routes.
   */
  readonly jobs?: {
    readonly store: JobStore;
    readonly history: HistorySource;
    /** The events topic's name, for error messages. */
    readonly topic: string;
  };
  readonly now: () => number;
}
