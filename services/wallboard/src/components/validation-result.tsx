import { documentPath } from '../backtest/document-path';
import type { Validation } from '../state/what-if-store';
import { ProblemList } from './problem-list';

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The gateway's verdict on the document. The region is always there and polite, so a
 * screen reader hears the verdict when it arrives without losing its place.
 */
export function ValidationResult({ validation }: { readonly validation: Validation }) {
  return (
    <div class="validation" aria-live="polite" data-validation={validation.kind}>
      {validation.kind === 'checking' && <p class="hint">Checking the document…</p>}
      {validation.kind === 'valid' && (
        <p class="verdict-ok">
          <span aria-hidden="true">✓ </span>
          Valid: {counted(validation.calendars, 'calendar', 'calendars')},{' '}
          {counted(validation.policies, 'policy', 'policies')}.
        </p>
      )}
      {validation.kind === 'invalid' && (
        <div class="form-error">
          <p>
            Invalid: {counted(validation.problems.length, 'problem', 'problems')}, each at its path
            in the document.
          </p>
          <ProblemList problems={validation.problems} pathOf={documentPath} />
        </div>
      )}
      {validation.kind === 'error' && <p class="form-error">{validation.message}</p>}
    </div>
  );
}
