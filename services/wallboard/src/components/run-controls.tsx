import { useEffect, useRef } from 'preact/hooks';
import type { JobPhase } from '../jobs/job-run';

/**
 * "Run …" and, while the job runs, "Cancel", with why Run is off when the token may not:
 * the What if… and Reports pages' controls. Busy, Run stays focusable (aria-disabled), and
 * when Cancel goes with the job's end the focus comes back to Run rather than to <body>.
 */
export function RunControls<R>({
  phase,
  mayRun,
  label,
  notAllowed,
  notAllowedId,
  onRun,
  onCancel,
}: {
  readonly phase: JobPhase<R>;
  readonly mayRun: boolean;
  readonly label: string;
  /** Why this token may not run one. */
  readonly notAllowed: string;
  readonly notAllowedId: string;
  readonly onRun: () => void;
  readonly onCancel: () => void;
}) {
  const busy = phase.kind === 'starting' || phase.kind === 'running';
  const runButton = useRef<HTMLButtonElement>(null);
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && phase.kind !== 'running' && document.activeElement === document.body)
      runButton.current?.focus();
    wasRunning.current = phase.kind === 'running';
  }, [phase.kind]);
  return (
    <>
      <div class="form-row">
        <button
          ref={runButton}
          type="button"
          class="primary"
          disabled={!mayRun}
          aria-disabled={busy ? 'true' : undefined}
          aria-describedby={mayRun ? undefined : notAllowedId}
          onClick={onRun}
        >
          {label}
        </button>
        {phase.kind === 'running' && (
          <button type="button" disabled={phase.cancelling} onClick={onCancel}>
            {phase.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {!mayRun && (
        <p id={notAllowedId} class="hint">
          {notAllowed}
        </p>
      )}
    </>
  );
}
