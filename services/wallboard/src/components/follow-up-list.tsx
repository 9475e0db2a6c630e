import { now } from '../clock/now';
import { formatAgo } from '../format/format-ago';
import { formatDateTime } from '../format/format-date-time';
import { formatSurveyScore } from '../format/format-survey-score';
import { orDash } from '../format/or-dash';
import type { LiveData } from '../live/live-data';
import { FOLLOW_UP_DAYS } from '../live/subscriptions-for';
import type { BoardStore } from '../state/board-store';
import { TicketRef } from './ticket-ref';

/** How long a low score that arrived while watching stays highlighted, as a breach does. */
const FRESH_MS = 10_000;

/**
 * The week's low survey scores (CSAT 1-2, NPS 0-6), newest first: who to call back. Three
 * columns, the team and assignee under the ticket, since the list shares its row with
 * three others in TV mode.
 */
export function FollowUpList({
  store,
  data,
}: {
  readonly store: BoardStore;
  readonly data: LiveData;
}) {
  const at = now.value;
  const template = store.ticketUrl.value;
  const list = data.followUps.value;
  const seenNow = Date.now();
  return (
    <table aria-label="Follow-ups" class="at-risk follow-ups" aria-busy={list === null}>
      <thead>
        <tr>
          <th scope="col">Score</th>
          <th scope="col">Ticket</th>
          <th scope="col">When</th>
        </tr>
      </thead>
      <tbody>
        {list?.data.map(({ followUp: f, key, firstSeen }) => {
          const fresh = firstSeen !== null && seenNow - firstSeen < FRESH_MS;
          const surveyedAt = Date.parse(f.at);
          return (
            <tr
              key={key}
              data-ticket={f.ticketId}
              data-kind={f.kind}
              class={fresh ? 'fresh' : undefined}
              {...(fresh ? { 'data-new': '' } : {})}
            >
              <td class="score" data-field="score">
                {formatSurveyScore(f.kind, f.score)}
              </td>
              <td>
                <span class="ticket">
                  <TicketRef id={f.ticketId} template={template} />
                </span>
                <span class="follow-up-meta">
                  <span data-field="team">{orDash(f.team)}</span>
                  {' · '}
                  <span data-field="assignee">{orDash(f.assignee)}</span>
                </span>
              </td>
              <td class="when">
                <time
                  dateTime={f.at}
                  title={Number.isFinite(surveyedAt) ? formatDateTime(surveyedAt) : undefined}
                >
                  {Number.isFinite(surveyedAt) ? formatAgo(at - surveyedAt) : f.at}
                </time>
              </td>
            </tr>
          );
        })}
        {list !== null && list.data.length === 0 && (
          <tr class="empty">
            <td colSpan={3}>No low score in the last {FOLLOW_UP_DAYS} days.</td>
          </tr>
        )}
        {list === null && (
          <tr class="empty">
            <td colSpan={3}>Waiting for the list…</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
