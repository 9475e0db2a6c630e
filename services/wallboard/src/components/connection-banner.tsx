import { now } from '../clock/now';
import { formatClockTime } from '../format/format-clock-time';
import type { LiveData } from '../live/live-data';

/** What the banner says for each state of the connection; nothing while live. */
function bannerText(data: LiveData, localNow: number): string {
  switch (data.status.value) {
    case 'connecting':
      return 'Connecting to the gateway…';
    case 'live':
      return '';
    case 'stale': {
      // Past 10 s, in 5 s steps: a screen reader announces each change of this live region.
      const seconds = Math.floor(Math.max(0, localNow - data.lastHeardAt.value) / 1000);
      const silent = seconds < 10 ? seconds : seconds - (seconds % 5);
      return `Data is stale (no word from the server for ${silent} s)`;
    }
    case 'lost': {
      const asOf = data.lastAt.value;
      return asOf === null
        ? 'Connection lost — reconnecting…'
        : `Connection lost — reconnecting… showing data as of ${formatClockTime(asOf)}`;
    }
  }
}

/** Says plainly when the figures on screen may not be current. */
export function ConnectionBanner({ data }: { readonly data: LiveData }) {
  const status = data.status.value;
  // Only the stale text changes with time, so only then does the banner tick. Silence is
  // measured on this page's own clock, like the receipt times it is made of.
  if (status === 'stale') void now.value;
  const text = bannerText(data, Date.now());
  return (
    <div role="status" class="banner" data-connection={status}>
      {text}
    </div>
  );
}
