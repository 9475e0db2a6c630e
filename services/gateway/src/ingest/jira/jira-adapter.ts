import type { HelpdeskAdapter, MappedDelivery } from '../helpdesk-adapter.js';
import type { RequestProblem } from '../../errors.js';
import { cloudEvent } from '../contract-event.js';
import { readJiraDelivery, type JiraDelivery } from './jira-delivery.js';
import { jiraIssueEvents, type JiraEventDraft } from './jira-events.js';
import { verifyJiraSignature } from './jira-signature.js';

/**
 * The CloudEvents of one delivery: the id comes from the draft (Jira's issue, changelog or
 * comment id), everything else but `data` from the envelope.
 */
const cloudEvents = (delivery: JiraDelivery, drafts: readonly JiraEventDraft[]): object[] =>
  drafts.map((draft) =>
    cloudEvent(
      { id: draft.id, source: delivery.source, subject: delivery.issueKey, time: delivery.time },
      draft,
    ),
  );

function mapJira(payload: unknown): MappedDelivery | { readonly problems: RequestProblem[] } {
  const reading = readJiraDelivery(payload);
  if (reading.kind === 'problems') return { problems: [...reading.problems] };
  // A webhook subscribed to sprints, projects, worklogs, …: answered, not refused, so that
  // Jira does not retry them.
  if (reading.kind === 'other')
    return {
      events: [],
      ignored: [
        {
          path: 'body.webhookEvent',
          message: `${reading.webhookEvent} is not an issue or comment event`,
        },
      ],
    };
  const { drafts, ignored, problems } = jiraIssueEvents(reading.delivery);
  if (problems.length > 0) return { problems };
  return { events: cloudEvents(reading.delivery, drafts), ignored };
}

/**
 * Jira Cloud's (and Jira Service Management's) issue and comment webhooks, signed with the
 * admin webhook's secret. The mapping is in docs/helpdesks/jira.md.
 */
export const jiraAdapter: HelpdeskAdapter = {
  name: 'jira',
  secretVariable: 'SLAWATCH_JIRA_WEBHOOK_SECRET',
  verify: verifyJiraSignature,
  map: mapJira,
};
