import { createHash } from 'node:crypto';
import type { HelpdeskAdapter, MappedDelivery } from '../helpdesk-adapter.js';
import type { RequestProblem } from '../../errors.js';
import { cloudEvent, type EventDraft } from '../contract-event.js';
import { readFreshdeskDelivery, type FreshdeskDelivery } from './freshdesk-delivery.js';
import { freshdeskTicketEvents } from './freshdesk-events.js';

/**
 * The id of one change: Freshdesk gives its webhooks no id, so the change names itself by
 * the ticket, the triggered event and the time of the change (`35436/status:2>3/2026-…Z`).
 * A comment adds the first 12 hex digits of the SHA-256 of its text (`{{ticket.latest_…}}`),
 * so two comments in the same second stay two. The same delivery always gives the same id.
 */
export function freshdeskChangeId(delivery: FreshdeskDelivery): string {
  const base = `${delivery.ticketId}/${delivery.eventKey}/${delivery.time}`;
  const { event, fields } = delivery;
  const comment =
    event.name === 'reply_sent' || (event.name === 'note_type' && event.value === 'public')
      ? fields.ticket_latest_public_comment
      : event.name === 'note_type'
        ? fields.ticket_latest_private_comment
        : undefined;
  const text = typeof comment === 'string' && comment.trim() !== '' ? comment : null;
  if (text === null) return base;
  return `${base}/${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12)}`;
}

/**
 * The id of the `index`th of `count` contract events made from change id `changeId`: the
 * change's id itself when it is alone, `<id>#<n>` (n from 1) when there are several.
 */
export const freshdeskEventId = (changeId: string, index: number, count: number): string =>
  count === 1 ? changeId : `${changeId}#${index + 1}`;

/** The CloudEvents of one delivery: everything but `data` comes from the envelope. */
const cloudEvents = (delivery: FreshdeskDelivery, drafts: readonly EventDraft[]): object[] => {
  const changeId = freshdeskChangeId(delivery);
  const { source, ticketId: subject, time } = delivery;
  return drafts.map((draft, index) =>
    cloudEvent(
      { id: freshdeskEventId(changeId, index, drafts.length), source, subject, time },
      draft,
    ),
  );
};

function mapFreshdesk(payload: unknown): MappedDelivery | { readonly problems: RequestProblem[] } {
  const reading = readFreshdeskDelivery(payload);
  if (reading.kind === 'problems') return { problems: [...reading.problems] };
  const { drafts, ignored, problems } = freshdeskTicketEvents(reading.delivery);
  if (problems.length > 0) return { problems };
  return { events: cloudEvents(reading.delivery, drafts), ignored };
}

/**
 * Freshdesk does not sign its webhooks: the `ingest` token (a custom Authorization header on
 * the rule's "Trigger webhook" action) is the only check, so there is nothing to verify.
 */
const verifyNothing: HelpdeskAdapter['verify'] = () => null;

/**
 * Freshdesk's automation-rule webhooks ("Trigger webhook"), with the body slawatch asks for
 * (`freshdesk_webhook`, documented in docs/helpdesks/freshdesk.md). Unsigned.
 */
export const freshdeskAdapter: HelpdeskAdapter = {
  name: 'freshdesk',
  secretVariable: null,
  verify: verifyNothing,
  map: mapFreshdesk,
};
