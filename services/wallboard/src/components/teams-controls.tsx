import type { TeamsStore } from '../state/teams-store';
import { windowLabel } from '../state/window-minutes';
import { dimensionLabel, type TeamsDimension } from '../teams/teams-dimension';
import { TREND_CHOICES, trendLabel, type TrendChoice } from '../teams/trend-choices';

/** What the table is of (rows by, window) and what its trend lines draw. */
export function TeamsControls({ store }: { readonly store: TeamsStore }) {
  const { dimension, window } = store.query.value;
  return (
    <div class="form-row" role="group" aria-label="What to compare">
      <label class="control">
        <span>Rows by</span>
        <select
          name="dimension"
          value={dimension}
          onChange={(e) => store.choose({ dimension: e.currentTarget.value as TeamsDimension })}
        >
          {store.dimensions.map((d) => (
            <option key={d} value={d}>
              {dimensionLabel(d)}
            </option>
          ))}
        </select>
      </label>
      <label class="control">
        <span>Window</span>
        <select
          name="window"
          value={window}
          onChange={(e) => store.choose({ window: e.currentTarget.value })}
        >
          {store.windows.map((w) => (
            <option key={w} value={w}>
              {windowLabel(w)}
            </option>
          ))}
        </select>
      </label>
      <label class="control">
        <span>Trend line</span>
        <select
          name="trend"
          value={store.trend.value}
          onChange={(e) => (store.trend.value = e.currentTarget.value as TrendChoice)}
        >
          {TREND_CHOICES.map((t) => (
            <option key={t} value={t}>
              {trendLabel(t)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
