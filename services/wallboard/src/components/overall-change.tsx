import type { Outcomes } from '../api/backtest-report';
import { attainmentChange } from '../backtest/change-direction';
import { formatCount } from '../format/format-number';
import { formatPercent } from '../format/format-percent';
import { formatPoints } from '../format/format-points';
import { ChangeBadge } from './change-badge';

/** Attainment over every clock kind, before and after, with the change in points. */
export function OverallChange({
  before,
  after,
}: {
  readonly before: Outcomes;
  readonly after: Outcomes;
}) {
  const { points, direction } = attainmentChange(before, after);
  return (
    <div class="overall" data-change={direction} aria-labelledby="overall-heading" role="group">
      <h3 id="overall-heading">Overall attainment</h3>
      <p class="overall-figures">
        <span data-side="before">{formatPercent(before.attainment)}</span>
        <span aria-hidden="true"> → </span>
        <span class="visually-hidden"> becomes </span>
        <span data-side="after">{formatPercent(after.attainment)}</span>{' '}
        <ChangeBadge direction={direction}>{formatPoints(points)}</ChangeBadge>
      </p>
      <p class="hint">
        met {formatCount(before.met)} → {formatCount(after.met)} · breached{' '}
        {formatCount(before.breached)} → {formatCount(after.breached)}
      </p>
    </div>
  );
}
