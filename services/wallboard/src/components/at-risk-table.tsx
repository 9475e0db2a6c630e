import { clockKey } from '@slawatch/wire';
import { clockName } from '../api/clock-kind';
import { valueOf } from '../api/metrics-data';
import { now } from '../clock/now';
import { byTimeLeft } from '../countdown/by-time-left';
import { countdown } from '../countdown/countdown';
import type { LiveData } from '../live/live-data';
import { AT_RISK_LIMIT } from '../live/subscriptions-for';
import type { BoardStore } from '../state/board-store';
import { orDash } from '../format/or-dash';
import { readFigure } from '../tiles/read-figure';
import { TimeLeft } from './time-left';

/**
 * The clocks about to breach, the one to act on first at the top, each counting down the
 * business time it has left, second by second, in its own policy's calendar.
 */
export function AtRiskTable({
  store,
  data,
}: {
  readonly store: BoardStore;
  readonly data: LiveData;
}) {
  const at = now.value;
  const calendars = store.calendars.value;
  const list = data.atRisk.value;
  const metrics = data.metrics.value;
  const rows = (list?.data ?? [])
    .map((clock) => ({ clock, countdown: countdown(clock, calendars?.get(clock.policy), at) }))
    .sort(byTimeLeft);
  const values = metrics ? valueOf(metrics.data.values, store.view.value.scope) : undefined;
  const total = values ? readFigure((m) => m.now.atRisk, values) : null;
  // The count is of running clocks; the list also holds paused ones, after them.
  const running = list?.data.filter((c) => c.state !== 'paused').length ?? 0;
  const truncated =
    list !== null && list.data.length >= AT_RISK_LIMIT && total !== null && total > running;
  return (
    <>
      <table aria-label="At risk" class="at-risk" aria-busy={list === null}>
        <thead>
          <tr>
            <th scope="col">Time left</th>
            <th scope="col">Ticket</th>
            <th scope="col">Clock</th>
            <th scope="col">Priority</th>
            <th scope="col">Team</th>
            <th scope="col">Assignee</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ clock, countdown: c }) => (
            <tr
              key={clockKey(clock)}
              data-ticket={clock.ticketId}
              data-clock={clock.clock}
              data-state={c.state}
            >
              <TimeLeft
                countdown={c}
                at={at}
                policy={clock.policy}
                calendarsLoaded={calendars !== null}
              />
              <td class="ticket">{clock.ticketId}</td>
              <td>
                {clockName(clock.clock)}
                {clock.cycle > 1 && ` #${clock.cycle}`}
              </td>
              <td>{orDash(clock.priority)}</td>
              <td>{orDash(clock.team)}</td>
              <td>{orDash(clock.assignee)}</td>
            </tr>
          ))}
          {list !== null && rows.length === 0 && (
            <tr class="empty">
              <td colSpan={6}>No clock at risk.</td>
            </tr>
          )}
          {list === null && (
            <tr class="empty">
              <td colSpan={6}>Waiting for the list…</td>
            </tr>
          )}
        </tbody>
      </table>
      {truncated && (
        <p class="list-note">
          Showing the {running} soonest of {total} running clocks.
        </p>
      )}
    </>
  );
}
