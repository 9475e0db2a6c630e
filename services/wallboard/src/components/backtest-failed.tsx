import type { BacktestFailure } from '../backtest/backtest-failure';
import { documentPath, fieldPath } from '../backtest/document-path';
import { ProblemList } from './problem-list';

/** Paths in the document read within it; the request's other fields by their names. */
const pathOf = (path: string): string =>
  path.startsWith('body.policies') ? documentPath(path) : fieldPath(path);

/** Why the backtest gave no report, with every problem the gateway named. */
export function BacktestFailed({ failure }: { readonly failure: BacktestFailure }) {
  return (
    <div role="alert" class="form-error" data-run="failed">
      <p>{failure.message}</p>
      {failure.problems.length > 0 && <ProblemList problems={failure.problems} pathOf={pathOf} />}
      {failure.code !== null && (
        <p class="hint">
          Code <code>{failure.code}</code> (docs/errors.md).
        </p>
      )}
    </div>
  );
}
