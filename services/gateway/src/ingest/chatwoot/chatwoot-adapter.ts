import type { HelpdeskAdapter, MappedDelivery } from '../helpdesk-adapter.js';
import type { RequestProblem } from '../../errors.js';
import { cloudEvent } from '../contract-event.js';
import {
  CHATWOOT_MESSAGE_EVENT,
  idText,
  readChatwootDelivery,
  type ChatwootDelivery,
} from './chatwoot-delivery.js';
import { chatwootEvents, type KeyedDraft } from './chatwoot-events.js';
import { verifyChatwootSignature } from './chatwoot-signature.js';

/**
 * The id of a contract event made from a Chatwoot delivery. Chatwoot's deliveries carry no
 * id of their own (`X-Chatwoot-Delivery` is new with each enqueue), so ids come from what
 * changed: a message is `message/<message id>`; a conversation's creation is
 * `conversation/<id>/created`; a change of it is `conversation/<id>/<kind>/<time>`, kind
 * `status`, `updated` or `assigned`, time its `updated_at`. A redelivery, or the same
 * status change in `conversation_status_changed` and `conversation_updated`, is a repeat.
 */
export function chatwootEventId(delivery: ChatwootDelivery, key: string): string {
  if (delivery.event === CHATWOOT_MESSAGE_EVENT) return `message/${idText(delivery.body.id)!}`;
  const conversation = `conversation/${delivery.conversationId}`;
  return key === 'created' ? `${conversation}/created` : `${conversation}/${key}/${delivery.time}`;
}

/** The CloudEvents of one delivery: everything but `data` comes from the envelope. */
const cloudEvents = (delivery: ChatwootDelivery, drafts: readonly KeyedDraft[]): object[] =>
  drafts.map(({ key, draft }) =>
    cloudEvent(
      {
        id: chatwootEventId(delivery, key),
        source: delivery.source,
        subject: delivery.conversationId,
        time: delivery.time,
      },
      draft,
    ),
  );

function mapChatwoot(payload: unknown): MappedDelivery | { readonly problems: RequestProblem[] } {
  const reading = readChatwootDelivery(payload);
  if (reading.kind === 'problems') return { problems: [...reading.problems] };
  // Contact, inbox, typing and other events of a webhook subscribed to them: answered, not
  // refused, so that nothing retries them.
  if (reading.kind === 'other')
    return {
      events: [],
      ignored: [{ path: 'body.event', message: `${reading.event} maps to no contract event` }],
    };
  const { drafts, ignored, problems } = chatwootEvents(reading.delivery);
  if (problems.length > 0) return { problems };
  return {
    events: cloudEvents(reading.delivery, drafts),
    ignored: [...reading.delivery.notes, ...ignored],
  };
}

/**
 * Chatwoot's account webhooks (conversation and message events), signed with the
 * webhook's secret where Chatwoot has one. The mapping is in docs/helpdesks/chatwoot.md.
 */
export const chatwootAdapter: HelpdeskAdapter = {
  name: 'chatwoot',
  secretVariable: 'SLAWATCH_CHATWOOT_WEBHOOK_SECRET',
  verify: verifyChatwootSignature,
  map: mapChatwoot,
};
