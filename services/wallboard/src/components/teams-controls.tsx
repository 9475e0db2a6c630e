import type { TeamsStore } from '../state/teams-store';
import { windowLabel } from '../state/window-minutes';
import { dimensionLabel } from '../teams/teams-dimension';
import { TREND_CHOICES, trendLabel } from '../teams/trend-choices';
import { ChoiceSelect } from './choice-select';

/** What the table is of (rows by, window) and what its trend lines draw. */
export function TeamsControls({ store }: { readonly store: TeamsStore }) {
  const { dimension, window } = store.query.value;
  return (
    <div class="form-row" role="group" aria-label="What to compare">
      <ChoiceSelect
        label="Rows by"
        name="dimension"
        value={dimension}
        choices={store.dimensions}
        labelOf={dimensionLabel}
        onChoose={(d) => store.choose({ dimension: d })}
      />
      <ChoiceSelect
        label="Window"
        name="window"
        value={window}
        choices={store.windows}
        labelOf={windowLabel}
        onChoose={(w) => store.choose({ window: w })}
      />
      <ChoiceSelect
        label="Trend line"
        name="trend"
        value={store.trend.value}
        choices={TREND_CHOICES}
        labelOf={trendLabel}
        onChoose={(t) => (store.trend.value = t)}
      />
    </div>
  );
}
