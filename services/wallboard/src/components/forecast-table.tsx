import type { ForecastClock } from '../api/forecast-answer';
import { clockName } from '../api/clock-kind';
import { now } from '../clock/now';
import { countdown } from '../countdown/countdown';
import { formatClockTime } from '../format/format-clock-time';
import { formatProbability } from '../format/format-probability';
import { orDash } from '../format/or-dash';
import type { ForecastFeed } from '../forecast/forecast-feed';
import { aheadText, basisNote, forecastNotes, horizonText } from '../forecast/forecast-wording';
import type { BoardStore } from '../state/board-store';
import { TicketRef } from './ticket-ref';
import { TimeLeft } from './time-left';

const rowKey = (c: ForecastClock) => `${c.ticketId}|${c.clock}|${c.cycle}`;

/**
 * The running clocks likely to breach within the hour, in the gateway's order (most likely
 * first, then soonest), each counting down to its deadline like the at-risk list, with its
 * chance of breaching and its place in the team's queue. Three columns, the clock, team
 * and queue under the ticket: the list shares its row with two others, even in TV mode.
 */
export function ForecastTable({
  store,
  feed,
}: {
  readonly store: BoardStore;
  readonly feed: ForecastFeed;
}) {
  const at = now.value;
  const calendars = store.calendars.value;
  const template = store.ticketUrl.value;
  const answer = feed.answer.value;
  const problem = feed.problem.value;
  return (
    <>
      <table
        aria-label="Likely to breach"
        aria-describedby="forecast-caption"
        class="at-risk forecast"
        aria-busy={answer === null && problem === null}
      >
        <thead>
          <tr>
            <th scope="col">Chance</th>
            <th scope="col">Time left</th>
            <th scope="col">Ticket</th>
          </tr>
        </thead>
        <tbody>
          {answer?.clocks.map((clock) => {
            const c = countdown(
              { at: new Date(clock.deadline).toISOString(), state: 'running' },
              clock.policy === null ? undefined : calendars?.get(clock.policy),
              at,
            );
            return (
              <tr
                key={rowKey(clock)}
                data-ticket={clock.ticketId}
                data-clock={clock.clock}
                data-state={c.state}
              >
                <td class="chance" title={basisNote(clock)}>
                  {formatProbability(clock.probability)}
                </td>
                <TimeLeft
                  countdown={c}
                  at={at}
                  policy={clock.policy}
                  calendarsLoaded={calendars !== null}
                />
                <td>
                  <span class="ticket">
                    <TicketRef id={clock.ticketId} template={template} />
                  </span>
                  <span class="forecast-meta">
                    <span data-field="clock">
                      {clockName(clock.clock)}
                      {clock.cycle > 1 && ` #${clock.cycle}`}
                    </span>
                    {' · '}
                    <span data-field="team">{orDash(clock.team ?? undefined)}</span>
                    {clock.ahead !== null && (
                      <>
                        {' · '}
                        <span data-field="ahead">{aheadText(clock.ahead)}</span>
                      </>
                    )}
                  </span>
                </td>
              </tr>
            );
          })}
          {answer !== null && answer.clocks.length === 0 && (
            <tr class="empty">
              <td colSpan={3}>
                No clock is likely to breach within {horizonText(answer.horizonMinutes)}.
              </td>
            </tr>
          )}
          {answer === null && (
            <tr class="empty">
              <td colSpan={3}>
                {problem === null
                  ? 'Waiting for the forecast…'
                  : `The forecast could not be read: ${problem.message}.`}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {answer !== null &&
        forecastNotes(answer).map((note) => (
          <p class="list-note" key={note}>
            {note}
          </p>
        ))}
      {answer !== null && problem !== null && (
        <p class="list-note" role="status">
          Not refreshed since {formatClockTime(answer.computedAt)}: {problem.message}.
        </p>
      )}
    </>
  );
}
