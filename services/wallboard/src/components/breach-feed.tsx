import { clockKey } from '@slawatch/wire';
import { clockName } from '../api/clock-kind';
import { now } from '../clock/now';
import { formatAgo } from '../format/format-ago';
import type { LiveData } from '../live/live-data';
import { orDash } from '../format/or-dash';

/** How long a breach that arrived while watching stays highlighted. */
const FRESH_MS = 10_000;

/** The latest breaches, newest first; those that arrived while watching are highlighted. */
export function BreachFeed({ data }: { readonly data: LiveData }) {
  const at = now.value;
  const feed = data.breaches.value;
  const seenNow = Date.now();
  return (
    <ol aria-label="Breaches" class="feed" aria-busy={feed === null}>
      {(feed?.data ?? []).map(({ clock, firstSeen }) => {
        const fresh = firstSeen !== null && seenNow - firstSeen < FRESH_MS;
        const breachedAt = clock.at === null ? Number.NaN : Date.parse(clock.at);
        return (
          <li
            key={clockKey(clock)}
            data-ticket={clock.ticketId}
            data-clock={clock.clock}
            class={fresh ? 'feed-item fresh' : 'feed-item'}
            {...(fresh ? { 'data-new': '' } : {})}
          >
            <span class="feed-ticket">{clock.ticketId}</span>
            <span class="feed-clock">
              {clockName(clock.clock)}
              {clock.cycle > 1 && ` #${clock.cycle}`}
            </span>
            <span class="feed-meta">
              {orDash(clock.team)} · {orDash(clock.priority)} · {orDash(clock.assignee)}
            </span>
            <time class="feed-ago" dateTime={clock.at ?? undefined}>
              {Number.isFinite(breachedAt) ? `breached ${formatAgo(at - breachedAt)}` : 'breached'}
            </time>
          </li>
        );
      })}
      {feed !== null && feed.data.length === 0 && <li class="empty">No breach in this window.</li>}
      {feed === null && <li class="empty">Waiting for the list…</li>}
    </ol>
  );
}
