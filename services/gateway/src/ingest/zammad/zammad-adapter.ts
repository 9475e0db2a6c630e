import type { HelpdeskAdapter, MappedDelivery } from '../helpdesk-adapter.js';
import type { RequestProblem } from '../../errors.js';
import { cloudEvent } from '../contract-event.js';
import { readZammadDelivery, type ZammadDelivery } from './zammad-delivery.js';
import { zammadTicketEvents, type ZammadEvent } from './zammad-events.js';
import { verifyZammadSignature } from './zammad-signature.js';

/** The CloudEvents of one delivery: each event carries its own id and time. */
const cloudEvents = (delivery: ZammadDelivery, events: readonly ZammadEvent[]): object[] =>
  events.map(({ id, time, draft }) =>
    cloudEvent({ id, source: delivery.source, subject: delivery.ticketId, time: time.text }, draft),
  );

function mapZammad(payload: unknown): MappedDelivery | { readonly problems: RequestProblem[] } {
  const delivery = readZammadDelivery(payload);
  if ('problems' in delivery) return { problems: [...delivery.problems] };
  const { events, ignored } = zammadTicketEvents(delivery);
  return { events: cloudEvents(delivery, events), ignored };
}

/**
 * Zammad's trigger webhooks with their default payload (`{"ticket", "article"}`: a
 * snapshot of the ticket, not a typed event), signed with the webhook's HMAC SHA1
 * signature token. The mapping is in docs/helpdesks/zammad.md.
 */
export const zammadAdapter: HelpdeskAdapter = {
  name: 'zammad',
  secretVariable: 'SLAWATCH_ZAMMAD_WEBHOOK_SECRET',
  verify: verifyZammadSignature,
  map: mapZammad,
};
