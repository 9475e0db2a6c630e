import type { ChangeDirection } from '../backtest/change-direction';

const MARKS: Readonly<Record<ChangeDirection, { readonly mark: string; readonly words: string }>> =
  {
    better: { mark: '▲', words: ' (better)' },
    worse: { mark: '▼', words: ' (worse)' },
    same: { mark: '', words: '' },
    unknown: { mark: '', words: '' },
  };

/** A change, coloured by its direction and marked so that it reads without the colour too. */
export function ChangeBadge({
  direction,
  children,
}: {
  readonly direction: ChangeDirection;
  readonly children: string;
}) {
  const { mark, words } = MARKS[direction];
  return (
    <span class="change" data-change={direction}>
      {mark && <span aria-hidden="true">{mark} </span>}
      {children}
      {words && <span class="visually-hidden">{words}</span>}
    </span>
  );
}
