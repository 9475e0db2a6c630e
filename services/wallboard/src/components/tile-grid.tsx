import { valueOf } from '../api/metrics-data';
import { serverNow } from '../clock/now';
import { boardDrillRequest } from '../drill-down/board-drill';
import type { DrillRequest } from '../drill-down/drill-query';
import { gaugeSeries, type LiveData } from '../live/live-data';
import type { BoardStore } from '../state/board-store';
import { windowMinutes } from '../state/window-minutes';
import { gaugeSpark, trendSpark } from '../tiles/tile-spark';
import { hasFigure } from '../tiles/read-figure';
import { TILE_SPECS } from '../tiles/tile-specs';
import { MetricTile } from './metric-tile';

export interface TileGridProps {
  readonly store: BoardStore;
  readonly data: LiveData;
  /** Opens the tickets behind a count; tiles are not interactive without it (TV mode). */
  readonly onOpen?: (request: DrillRequest) => void;
}

/** Every tile of the view, in a grid. */
export function TileGrid({ store, data, onOpen }: TileGridProps) {
  const view = store.view.value;
  const thresholds = store.thresholds.value;
  const metrics = data.metrics.value;
  const trend = data.trend.value;
  // Gauges redraw when sampled; their line ends at the newest word from the server.
  void data.gaugeVersion.value;
  const end = data.lastAt.value ?? metrics?.at ?? 0;
  const values = metrics ? valueOf(metrics.data.values, view.scope) : undefined;
  const windowMs = (windowMinutes(view.window) ?? 60) * 60_000;
  return (
    <div class="tiles" aria-busy={metrics === null}>
      {TILE_SPECS.map((spec) => {
        // A further clock's tile only where its figure is in the answer (tile-specs.ts).
        if (spec.optional && (values === undefined || !hasFigure(spec.value, values))) return null;
        const { note, ...spark } =
          spec.history.kind === 'trend'
            ? trendSpark(spec, trend?.data ?? null, view.scope)
            : gaugeSpark(spec, data.gauges, gaugeSeries(view, spec.key), end, windowMs);
        return (
          <MetricTile
            key={spec.key}
            spec={spec}
            values={values}
            limits={thresholds[spec.key]}
            spark={spark}
            {...(note === undefined ? {} : { sparkNote: note })}
            {...(onOpen === undefined
              ? {}
              : {
                  // The list of the moment it is opened: this scope and window's.
                  onOpen: (target) =>
                    onOpen(boardDrillRequest(target, view, metrics, values, serverNow())),
                })}
          />
        );
      })}
    </div>
  );
}
