import type { LiveData } from '../live/live-data';

const WHAT: Readonly<Record<string, string>> = {
  metrics: 'the figures',
  trend: 'the trends',
  atRisk: 'the at-risk list',
  breaches: 'the breach list',
  followUps: 'the follow-up list',
  general: 'a request',
};

/** What the gateway refused to show (a view outside the token's teams, say), in words. */
export function ViewErrors({ data }: { readonly data: LiveData }) {
  const errors = Object.entries(data.errors.value);
  if (errors.length === 0) return null;
  return (
    <div role="alert" class="view-errors">
      {errors.map(([id, message]) => (
        <p key={id}>
          The gateway refused {WHAT[id] ?? id}: {message}
        </p>
      ))}
    </div>
  );
}
