import { decodeCountCode } from '@slawatch/core';
import { DEAD_LETTERED, DURATION_BOUNDS, SERIES_LABELS } from '@slawatch/store';

interface Family {
  readonly name: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly help: string;
}

const FAMILIES = {
  events: {
    name: 'slawatch_events_total',
    type: 'counter',
    help: 'Ticket events folded into SLA state, by event type (each event once, however often delivered).',
  },
  deadLettered: {
    name: 'slawatch_events_dead_lettered_total',
    type: 'counter',
    help: 'Events sent to the dead-letter topic as invalid.',
  },
  finished: {
    name: 'slawatch_sla_clocks_finished_total',
    type: 'counter',
    help: 'SLA clocks that stopped, by clock and outcome (met, breached, cancelled).',
  },
  breaches: {
    name: 'slawatch_sla_breaches_total',
    type: 'counter',
    help: 'SLA breaches announced, by clock.',
  },
  atRisk: {
    name: 'slawatch_sla_at_risk_total',
    type: 'counter',
    help: 'At-risk threshold crossings announced, by clock (one per threshold).',
  },
  open: {
    name: 'slawatch_open_tickets',
    type: 'gauge',
    help: 'Tickets not solved or closed, by status.',
  },
  clocksAtRisk: {
    name: 'slawatch_sla_clocks_at_risk',
    type: 'gauge',
    help: 'Running SLA clocks past an at-risk threshold, not yet breached.',
  },
  openBreached: {
    name: 'slawatch_open_breached_tickets',
    type: 'gauge',
    help: 'Open tickets with a breached clock still running.',
  },
  fr: {
    name: 'slawatch_first_response_seconds',
    type: 'histogram',
    help: 'Time from creation to the first public agent reply (wall clock).',
  },
  notifications: {
    name: 'slawatch_notifications_total',
    type: 'counter',
    help: 'Notification delivery attempts by receiver and outcome (delivered, retried, dead).',
  },
  rs: {
    name: 'slawatch_resolution_seconds',
    type: 'histogram',
    help: 'Time from creation to solved (wall clock), at each solve.',
  },
} as const satisfies Record<string, Family>;
type FamilyId = keyof typeof FAMILIES;

const GAUGE_SAMPLE: Record<string, [FamilyId, string]> = {
  gn: ['open', 'status="new",'],
  go: ['open', 'status="open",'],
  gp: ['open', 'status="pending",'],
  gh: ['open', 'status="on_hold",'],
  ga: ['clocksAtRisk', ''],
  gb: ['openBreached', ''],
};

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * The SLA series in the Prometheus text format, straight from the stored fields
 * (SlaSeries.fields). prom-client formats this process's own metrics; it cannot hold
 * histograms observed elsewhere, and going through its objects costs several times more
 * per sample, which matters at tens of thousands of samples per scrape. Label sets and
 * codes repeat across fields, so their formatted forms are cached.
 */
export class SlaExposition {
  private readonly labelText = new Map<string, string>();
  private readonly counterPrefix = new Map<string, [FamilyId, string] | null>();
  /** Gauge samples shown before: one that empties reads 0 rather than vanishing. */
  private readonly gaugesSeen = new Map<string, FamilyId>();

  format(fields: Record<string, string>): string {
    const lines = new Map<FamilyId, string[]>(
      (Object.keys(FAMILIES) as FamilyId[]).map((id) => [id, []]),
    );
    const histograms = new Map<
      string,
      { id: 'fr' | 'rs'; labels: string; counts: number[]; sumMs: number }
    >();
    const gauges = new Map<string, number>();
    let deadLettered = 0;
    for (const field in fields) {
      const value = fields[field]!;
      if (field === DEAD_LETTERED) {
        deadLettered = Number(value);
        continue;
      }
      const bar = field.indexOf('|');
      const kind = field[0];
      const code = field.slice(1, bar);
      if (kind === 'n') {
        // Deliveries by receiver and outcome (store's notification-log.ts).
        const receiver = escape(JSON.parse(field.slice(bar + 1)) as string);
        lines
          .get('notifications')!
          .push(
            `${FAMILIES.notifications.name}{receiver="${receiver}",outcome="${code}"} ${value}`,
          );
        continue;
      }
      const labels = this.labels(field.slice(bar + 1));
      if (kind === 'c') {
        const prefix = this.counter(code);
        if (prefix) lines.get(prefix[0])!.push(`${prefix[1]}${labels}} ${value}`);
      } else if (kind === 'g') {
        const sample = GAUGE_SAMPLE[code];
        if (!sample) continue;
        const key = `${FAMILIES[sample[0]].name}{${sample[1]}${labels}}`;
        gauges.set(key, Number(value));
        this.gaugesSeen.set(key, sample[0]);
      } else if (kind === 'h') {
        const colon = code.indexOf(':');
        const id = code.slice(0, colon);
        if (id !== 'fr' && id !== 'rs') continue;
        const key = `${id}|${labels}`;
        let h = histograms.get(key);
        if (!h) {
          h = { id, labels, counts: Array<number>(DURATION_BOUNDS.length + 1).fill(0), sumMs: 0 };
          histograms.set(key, h);
        }
        const bucket = code.slice(colon + 1);
        if (bucket === 's') h.sumMs = Number(value);
        else h.counts[Number(bucket)] = Number(value);
      }
    }
    for (const [key, id] of this.gaugesSeen) lines.get(id)!.push(`${key} ${gauges.get(key) ?? 0}`);
    lines.get('deadLettered')!.push(`${FAMILIES.deadLettered.name} ${deadLettered}`);
    for (const h of histograms.values()) {
      const out = lines.get(h.id)!;
      const name = FAMILIES[h.id].name;
      let cumulative = 0;
      h.counts.forEach((n, i) => {
        cumulative += n;
        const le = i < DURATION_BOUNDS.length ? DURATION_BOUNDS[i] : '+Inf';
        out.push(`${name}_bucket{${h.labels},le="${le}"} ${cumulative}`);
      });
      out.push(
        `${name}_sum{${h.labels}} ${h.sumMs / 1000}`,
        `${name}_count{${h.labels}} ${cumulative}`,
      );
    }
    let text = '';
    for (const [id, samples] of lines) {
      const f = FAMILIES[id];
      text += `# HELP ${f.name} ${f.help}\n# TYPE ${f.name} ${f.type}\n`;
      if (samples.length > 0) text += `${samples.join('\n')}\n`;
    }
    return text;
  }

  /** `team="…",priority="…",channel="…",policy="…"` of a stored labels JSON. */
  private labels(json: string): string {
    let text = this.labelText.get(json);
    if (text === undefined) {
      const values = JSON.parse(json) as string[];
      text = SERIES_LABELS.map((l, i) => `${l}="${escape(values[i] ?? '')}"`).join(',');
      this.labelText.set(json, text);
    }
    return text;
  }

  /** The family of a counter code and its sample's start, up to the shared labels. */
  private counter(code: string): [FamilyId, string] | null {
    let prefix = this.counterPrefix.get(code);
    if (prefix === undefined) {
      const c = decodeCountCode(code);
      prefix =
        c === null
          ? null
          : c.kind === 'event'
            ? ['events', `${FAMILIES.events.name}{type="${c.type}",`]
            : c.kind === 'finished'
              ? ['finished', `${FAMILIES.finished.name}{clock="${c.clock}",outcome="${c.outcome}",`]
              : c.kind === 'breach'
                ? ['breaches', `${FAMILIES.breaches.name}{clock="${c.clock}",`]
                : ['atRisk', `${FAMILIES.atRisk.name}{clock="${c.clock}",`];
      this.counterPrefix.set(code, prefix);
    }
    return prefix;
  }
}
