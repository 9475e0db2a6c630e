import type { JobProgress as Progress } from '../api/job';
import { formatDuration } from '../format/format-duration';
import { formatCount } from '../format/format-number';
import type { JobPhase } from '../jobs/job-run';

const STAGES: Readonly<Record<string, { readonly label: string; readonly unit: string }>> = {
  reading: { label: 'Reading the ticket history', unit: 'messages' },
  comparing: { label: 'Comparing the two documents', unit: 'tickets' },
  computing: { label: 'Computing the figures', unit: 'tickets' },
};

const stageOf = (p: Progress) => STAGES[p.stage] ?? { label: p.stage, unit: '' };

/** "1,200 of 5,000 messages · about 12s left". */
function counts(p: Progress): string {
  const { unit } = stageOf(p);
  const of = p.total > 0 ? ` of ${formatCount(p.total)}` : '';
  const eta =
    p.etaSeconds === null
      ? 'estimating the time left'
      : `about ${formatDuration(p.etaSeconds)} left`;
  return `${formatCount(p.done)}${of}${unit ? ` ${unit}` : ''} · ${eta}`;
}

/**
 * How far a background job has come; `noun` names it ("backtest", "report"). Only the
 * stage is announced (it changes twice); the counts change every second and would drown
 * a screen reader.
 */
export function JobProgress<R>({
  phase,
  noun,
}: {
  readonly phase: JobPhase<R>;
  readonly noun: string;
}) {
  if (phase.kind === 'starting')
    return (
      <p role="status" class="hint">
        Starting the {noun}…
      </p>
    );
  if (phase.kind === 'cancelled')
    return (
      <p role="status" class="notice" data-run="cancelled">
        The {noun} was cancelled.
      </p>
    );
  if (phase.kind !== 'running') return null;
  const { progress } = phase.job;
  const { label } = stageOf(progress);
  return (
    <div class="progress" data-run="running" data-stage={progress.stage}>
      <p role="status" id="progress-stage">
        {phase.cancelling ? `Cancelling (${label.toLowerCase()})…` : `${label}…`}
      </p>
      {/* Without a total the bar is indeterminate rather than empty. */}
      <progress
        aria-labelledby="progress-stage"
        max={progress.total > 0 ? progress.total : undefined}
        value={progress.total > 0 ? progress.done : undefined}
      />
      <p class="hint progress-counts">{counts(progress)}</p>
      {phase.trouble !== null && <p class="notice">{phase.trouble} Still asking.</p>}
    </div>
  );
}
