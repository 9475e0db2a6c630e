import { Counter, type Registry } from 'prom-client';

/** What one ingest request did with its events. */
export interface IngestCounts {
  readonly accepted: number;
  readonly rejected: number;
  readonly ignored?: number;
}

/**
 * `slawatch_ingest_events_total{via, outcome}`: events taken over HTTP, by route (`events`,
 * or the helpdesk's name) and outcome. A producer or helpdesk whose events are refused must
 * show on a dashboard, not only in the answers it may not read.
 */
export class IngestMetrics {
  private readonly events: Counter<'via' | 'outcome'>;

  constructor(registry: Registry) {
    this.events = new Counter({
      name: 'slawatch_ingest_events_total',
      help: 'Events taken over HTTP (POST /api/v1/events and the helpdesk webhooks), by route and outcome: accepted (on the topic), rejected, ignored (parts of a webhook delivery that map to no event).',
      labelNames: ['via', 'outcome'],
      registers: [registry],
    });
  }

  counted(via: string, counts: IngestCounts): void {
    if (counts.accepted > 0) this.events.inc({ via, outcome: 'accepted' }, counts.accepted);
    if (counts.rejected > 0) this.events.inc({ via, outcome: 'rejected' }, counts.rejected);
    if (counts.ignored) this.events.inc({ via, outcome: 'ignored' }, counts.ignored);
  }
}
