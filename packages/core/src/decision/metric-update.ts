import type { TicketCounts } from '../metrics/ticket-counts.js';
import type { TicketMetrics } from '../metrics/ticket-metrics.js';

/** One ticket's metric contribution as of a record version (the store applies it once). */
export interface MetricUpdate {
  readonly ticketId: string;
  readonly version: number;
  readonly metrics: TicketMetrics;
  /** Lifetime counts for the Prometheus counters; absent keeps the applied ones. */
  readonly counts?: TicketCounts;
  /**
   * The dimension values the counts are labelled with when `metrics` has none (a deleted
   * ticket, which leaves every metric but whose events still count).
   */
  readonly seriesDims?: readonly string[];
  /** 0 keeps the contribution; otherwise it expires with the ticket's record. */
  readonly ttlMs: number;
}
