import { expect } from 'vitest';
import { simulate, type AlertCloudEvent, type PolicySet, type TicketView } from '@slawatch/core';
import { readTicketView, type TicketStore } from '@slawatch/store';
import { waitUntil } from '../../e2e/support/wait-until.js';
import type { FloorStream } from './floor-stream.js';
import type { WebhookReceiver } from './webhook-receiver.js';

/** What `slawatch simulate` says of a stream: each ticket's view, and its breaches. */
export interface Reference {
  readonly at: number;
  readonly views: ReadonlyMap<string, TicketView | null>;
  /** Every breached clock, as `ticket/clock/cycle`. */
  readonly breaches: ReadonlySet<string>;
}

export function referenceOf(stream: FloorStream, policies: PolicySet): Reference {
  const result = simulate(
    stream.events.map((value) => ({ value })),
    policies,
    stream.at,
  );
  expect(result.rejected).toEqual([]);
  const views = new Map<string, TicketView | null>();
  for (const e of stream.events as { subject: string }[]) views.set(e.subject, null);
  for (const t of result.tickets) views.set(t.ticketId, t);
  const breaches = new Set(
    result.tickets.flatMap((t) =>
      t.clocks
        .filter((c) => c.state === 'breached')
        .map((c) => `${t.ticketId}/${c.kind}/${c.cycle}`),
    ),
  );
  return { at: stream.at, views, breaches };
}

/** Every ticket's stored view equals simulate's, as of the end of the stream. */
export async function expectViewsEqual(
  store: TicketStore,
  ref: Reference,
  policies: PolicySet,
): Promise<void> {
  const differ: string[] = [];
  for (const [id, want] of ref.views) {
    const got = await readTicketView(store, id, ref.at, policies);
    if (JSON.stringify(got) !== JSON.stringify(want)) differ.push(id);
  }
  if (differ.length > 0) {
    const id = differ[0]!;
    // The first difference in full, so a failure says what went wrong.
    expect(await readTicketView(store, id, ref.at, policies), id).toEqual(ref.views.get(id));
  }
  expect(differ).toEqual([]);
}

const announced = (alerts: readonly AlertCloudEvent[]) =>
  new Set(
    alerts
      .filter((a) => a.type === 'sla.breached')
      .map((a) => `${a.data.ticketId}/${a.data.clock}/${a.data.cycle}`),
  );

const delivered = (receiver: WebhookReceiver) =>
  new Set(
    receiver.received
      .filter((b) => b.action === 'trigger' && b.alert.level === 'breach')
      .map((b) => `${b.alert.ticketId}/${b.alert.clock}/${b.alert.cycle}`),
  );

/**
 * Waits until every breach of the reference was produced to `sla.alerts` and delivered to
 * the webhook, and says which are missing when they are not.
 */
export async function expectBreachesDelivered(
  ref: Reference,
  alerts: readonly AlertCloudEvent[],
  receiver: WebhookReceiver,
  ms: number,
): Promise<void> {
  const missing = () => {
    const a = announced(alerts);
    const d = delivered(receiver);
    return {
      alerts: [...ref.breaches].filter((b) => !a.has(b)),
      webhook: [...ref.breaches].filter((b) => !d.has(b)),
    };
  };
  await waitUntil(
    () => {
      const m = missing();
      return m.alerts.length === 0 && m.webhook.length === 0;
    },
    ms,
    'every breach on sla.alerts and at the webhook',
  ).catch(() => undefined);
  const m = missing();
  expect(m.alerts.slice(0, 10), 'breaches missing from sla.alerts').toEqual([]);
  expect(m.webhook.slice(0, 10), 'breaches missing at the webhook').toEqual([]);
}
