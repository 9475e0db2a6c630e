import type { JobFailure } from '../jobs/job-failure';

export interface FailureAlertProps {
  /** What could not be done, ending where the failure's message follows on. */
  readonly lead: string;
  readonly failure: JobFailure;
  /** The `data-` attribute that tells scripts and tests which failure this is. */
  readonly marker: Readonly<Record<`data-${string}`, string>>;
}

/** Why a read failed, said at once to a screen reader, with the code docs/errors.md explains. */
export function FailureAlert({ lead, failure, marker }: FailureAlertProps) {
  return (
    <div role="alert" class="form-error" {...marker}>
      <p>
        {lead}
        {failure.message}
      </p>
      {failure.code !== null && (
        <p class="hint">
          Code <code>{failure.code}</code> (docs/errors.md).
        </p>
      )}
    </div>
  );
}
