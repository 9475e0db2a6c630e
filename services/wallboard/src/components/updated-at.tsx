import { formatClockTime } from '../format/format-clock-time';
import type { LiveData } from '../live/live-data';

/** "updated 10:02:13": the newest instant the server vouched for (data or heartbeat). */
export function UpdatedAt({ data }: { readonly data: LiveData }) {
  const at = data.lastAt.value;
  return (
    <p class="updated">
      {at === null ? (
        'waiting for data'
      ) : (
        <>
          updated <time dateTime={new Date(at).toISOString()}>{formatClockTime(at)}</time>
        </>
      )}
    </p>
  );
}
