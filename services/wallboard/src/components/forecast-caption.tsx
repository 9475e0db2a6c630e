import { formatClockTime } from '../format/format-clock-time';
import type { ForecastFeed } from '../forecast/forecast-feed';

/** What the "Likely to breach" list's chance means, and how old the forecast is. */
export function ForecastCaption({ feed }: { readonly feed: ForecastFeed }) {
  const answer = feed.answer.value;
  return (
    <p class="list-caption" id="forecast-caption">
      Chance: of recent clocks like this one (same team, else same priority, else all) that had this
      much time left, the share that breached. Tickets ahead in the team's queue count against it.
      {answer !== null && ` Computed at ${formatClockTime(answer.computedAt)}.`}
    </p>
  );
}
