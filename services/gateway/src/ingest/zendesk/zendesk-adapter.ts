import type { HelpdeskAdapter, MappedDelivery } from '../helpdesk-adapter.js';
import type { RequestProblem } from '../../errors.js';
import { cloudEvent, type EventDraft } from '../contract-event.js';
import { readZendeskDelivery, type ZendeskDelivery } from './zendesk-delivery.js';
import { zendeskTicketEvents } from './zendesk-events.js';
import { verifyZendeskSignature } from './zendesk-signature.js';

/**
 * The id of the `index`th of `count` contract events made from Zendesk event `deliveryId`.
 * A lone event takes Zendesk's id as it is, so the (source, id) pair is the delivery's and a
 * redelivery is a repeat; several take `<id>#<n>`, n from 1, in the mapping's fixed order.
 */
export const zendeskEventId = (deliveryId: string, index: number, count: number): string =>
  count === 1 ? deliveryId : `${deliveryId}#${index + 1}`;

/** The CloudEvents of one delivery: everything but `data` comes from the envelope. */
const cloudEvents = (delivery: ZendeskDelivery, drafts: readonly EventDraft[]): object[] =>
  drafts.map((draft, index) =>
    cloudEvent(
      {
        id: zendeskEventId(delivery.id, index, drafts.length),
        source: delivery.source,
        subject: delivery.ticketId,
        time: delivery.time,
      },
      draft,
    ),
  );

function mapZendesk(payload: unknown): MappedDelivery | { readonly problems: RequestProblem[] } {
  const reading = readZendeskDelivery(payload);
  if (reading.kind === 'problems') return { problems: [...reading.problems] };
  // A webhook subscribed to user or organization events too: answered, not refused, so
  // that Zendesk does not retry (and eventually deactivate) the webhook over them.
  if (reading.kind === 'other')
    return {
      events: [],
      ignored: [{ path: 'body.type', message: `${reading.type} is not a ticket event` }],
    };
  const { drafts, ignored, problems } = zendeskTicketEvents(reading.delivery);
  if (problems.length > 0) return { problems };
  return { events: cloudEvents(reading.delivery, drafts), ignored };
}

/**
 * Zendesk's event-subscribed webhooks (`zen:event-type:ticket.*`), signed with the
 * webhook's signing secret. The mapping is in docs/helpdesks/zendesk.md.
 */
export const zendeskAdapter: HelpdeskAdapter = {
  name: 'zendesk',
  secretVariable: 'SLAWATCH_ZENDESK_WEBHOOK_SECRET',
  verify: verifyZendeskSignature,
  map: mapZendesk,
};
