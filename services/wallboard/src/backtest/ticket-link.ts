import type { PolicyDocumentJson } from '../api/policy-calendars';

/** `encodeURIComponent` throws on a lone surrogate, which a JSON ticket id may hold. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The ticket-page template of the document in force (`alerting.ticketUrl`), the one the
 * alerts link with, or null. Only http(s): the page must not render a `javascript:` link
 * from a document, whoever wrote it.
 */
export function ticketUrlTemplate(doc: PolicyDocumentJson): string | null {
  const url = doc.alerting?.ticketUrl;
  return typeof url === 'string' && /^https?:\/\/\S*\{ticketId\}/.test(url) ? url : null;
}

/** A ticket's page: the template with the id filled in, encoded as the alerts encode it. */
export const ticketLink = (template: string | null, ticketId: string): string | null =>
  template === null
    ? null
    : template.replace(
        '{ticketId}',
        encodeURIComponent(ticketId.replace(LONE_SURROGATE, '\uFFFD')),
      );
