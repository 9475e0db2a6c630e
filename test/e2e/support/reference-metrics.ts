import type { TicketView } from '@slawatch/core';

/**
 * The metrics of docs/metrics.md computed the plain, slow way, straight from raw events: each
 * ticket's events are de-duplicated and sorted, replayed with a few lines per rule, and
 * every fact is kept with its instant. Only SLA outcomes (met, breached, at risk), which
 * need business-hours arithmetic, come from the engine's TicketViews (checked against the
 * contract by the core's own tests).
 */
interface RawEvent {
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  data: Record<string, unknown>;
}

export interface RefFact {
  readonly name: string;
  readonly at: number;
  readonly value?: number;
}

export interface RefTicket {
  readonly ticketId: string;
  readonly createdAt: number;
  /** `requester|category`, when the ticket has both. */
  readonly contact: string | null;
  readonly dims: Record<string, string>;
  readonly facts: RefFact[];
  readonly gauges: string[];
}

const DONE = new Set(['solved', 'closed']);

export function referenceTickets(
  events: readonly object[],
  views: ReadonlyMap<string, TicketView>,
): RefTicket[] {
  const byTicket = new Map<string, RawEvent[]>();
  const seen = new Set<string>();
  for (const e of events as RawEvent[]) {
    const key = `${e.source}\n${e.id}`;
    if (seen.has(key)) continue; // a repeat is ignored
    seen.add(key);
    byTicket.set(e.subject, [...(byTicket.get(e.subject) ?? []), e]);
  }
  const out: RefTicket[] = [];
  for (const [ticketId, list] of byTicket) {
    // Sort by event time; ties keep delivery order (Array.sort is stable).
    const sorted = [...list].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    let created: number | null = null;
    let deleted = false;
    let closed = false;
    let status = 'new';
    const fields: Record<string, string | undefined> = {};
    const replies: number[] = [];
    const nextResponses: [number, number][] = [];
    let cycle: number | null = null;
    const solves: number[] = [];
    const reopens: number[] = [];
    let escalatedAt: number | null = null;
    const surveys: { kind: string; score: number; at: number }[] = [];
    const setStatus = (s: string, t: number) => {
      if (s === status) return;
      const previous = status;
      status = s;
      if (DONE.has(s)) {
        if (!DONE.has(previous)) solves.push(t);
        cycle = null;
        if (s === 'closed') closed = true;
      } else if (previous === 'solved') reopens.push(t);
    };
    for (const e of sorted) {
      const t = Date.parse(e.time);
      const d = e.data;
      if (deleted) break;
      if (e.type === 'ticket.deleted') {
        if (created !== null) deleted = true;
        continue;
      }
      if (e.type === 'ticket.created') {
        if (created !== null) continue;
        created = t;
        for (const f of [
          'team',
          'queue',
          'priority',
          'channel',
          'customerTier',
          'assigneeId',
          'requesterId',
          'customerId',
          'category',
        ])
          fields[f] = d[f] as string | undefined;
        setStatus((d.status as string | undefined) ?? 'new', t);
        continue;
      }
      if (created === null || (closed && e.type !== 'ticket.surveyed')) continue;
      if (e.type === 'ticket.updated') Object.assign(fields, d.changes);
      if (e.type === 'ticket.assigned') {
        fields.assigneeId = d.assigneeId as string;
        if (d.team !== undefined) fields.team = d.team as string;
      }
      if (e.type === 'ticket.commented' && d.public === true) {
        if (d.author === 'agent') {
          replies.push(t);
          if (cycle !== null) nextResponses.push([cycle, t]);
          cycle = null;
        } else if (d.author === 'customer' && replies.length > 0 && cycle === null) cycle = t;
      }
      if (e.type === 'ticket.status_changed') setStatus(d.status as string, t);
      if (e.type === 'ticket.escalated') escalatedAt ??= t;
      if (e.type === 'ticket.surveyed')
        surveys.push({ kind: d.kind as string, score: d.score as number, at: t });
    }
    if (created === null || deleted) continue;
    const view = views.get(ticketId)!;
    const facts: RefFact[] = [{ name: 'created', at: created }];
    for (const at of replies) facts.push({ name: 'reply', at });
    if (replies[0] !== undefined)
      facts.push({ name: 'firstResponseTime', at: replies[0], value: replies[0] - created });
    for (const [from, to] of nextResponses)
      facts.push({ name: 'nextResponseTime', at: to, value: to - from });
    for (const at of solves) facts.push({ name: 'solve', at });
    for (const at of reopens) facts.push({ name: 'reopen', at });
    const lastSolve = solves.at(-1);
    if (DONE.has(status) && lastSolve !== undefined) {
      facts.push({ name: 'solved', at: lastSolve });
      facts.push({ name: 'resolutionTime', at: lastSolve, value: lastSolve - created });
      if (replies.length === 1 && reopens.length === 0) facts.push({ name: 'fcr', at: lastSolve });
    }
    if (escalatedAt !== null)
      facts.push({ name: 'timeToEscalate', at: escalatedAt, value: escalatedAt - created });
    for (const s of surveys) facts.push({ name: s.kind, at: s.at, value: s.score });
    const gauges: string[] = [];
    if (!DONE.has(status)) gauges.push(`backlog.${status}`);
    let openBreached = false;
    for (const c of view.clocks) {
      if (c.state === 'met') facts.push({ name: `met.${c.kind}`, at: Date.parse(c.stoppedAt!) });
      if (c.state === 'breached') {
        facts.push({ name: `breached.${c.kind}`, at: Date.parse(c.breachedAt!) });
        if (c.stoppedAt === null) openBreached = true;
      }
      if (c.atRisk !== null) gauges.push('atRisk');
    }
    if (openBreached) gauges.push('openBreached');
    out.push({
      ticketId,
      createdAt: created,
      contact:
        fields.requesterId !== undefined && fields.category !== undefined
          ? `${fields.requesterId}|${fields.category}`
          : null,
      dims: {
        all: '*',
        team: fields.team ?? '-',
        queue: fields.queue ?? '-',
        priority: fields.priority!,
        channel: fields.channel!,
        customerTier: fields.customerTier ?? '-',
        policy: view.policy ?? '-',
        assignee: fields.assigneeId ?? '-',
        // Not a metric dimension: reports break down by it (report-equals-reference.test.ts).
        customerId: fields.customerId ?? '-',
      },
      facts,
      gauges,
    });
  }
  // Repeat contacts: the same requester opened another (not deleted) ticket of the same
  // category in the 7 days before.
  for (const t of out)
    if (
      t.contact !== null &&
      out.some(
        (o) =>
          o !== t &&
          o.contact === t.contact &&
          o.createdAt < t.createdAt &&
          o.createdAt >= t.createdAt - 7 * 86_400_000,
      )
    )
      t.facts.push({ name: 'repeat', at: t.createdAt });
  return out;
}

/** The exact nearest-rank percentile of `values` (seconds). */
export function exactPercentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}
