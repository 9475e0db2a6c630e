import type { MetricValues } from '@slawatch/core';
import { levelMarker, levelOf, type Limits } from '../state/level';
import type { DrillTarget } from '../drill-down/drill-target';
import { formatFigure } from '../tiles/figure-unit';
import { readFigure } from '../tiles/read-figure';
import type { TileDetail, TileSpec } from '../tiles/tile-specs';
import { Sparkline, type SparklineProps } from './sparkline';

export interface MetricTileProps {
  readonly spec: TileSpec;
  /** The scope's figures; undefined while none have arrived. */
  readonly values: MetricValues | undefined;
  readonly limits: Limits;
  readonly spark: SparklineProps;
  /** Says a gauge's line is shorter than the window ("since 10:02"). */
  readonly sparkNote?: string;
  /**
   * Opens the tickets behind the figure or one of its small counts; without it (TV mode,
   * where nobody clicks) the tile is not interactive.
   */
  readonly onOpen?: (target: DrillTarget) => void;
}

function detailsOf(spec: TileSpec, values: MetricValues): readonly TileDetail[] {
  try {
    return spec.details?.(values) ?? [];
  } catch {
    return [];
  }
}

/** A small count: a button to its tickets where a list is kept of them. */
function Detail({
  detail,
  onOpen,
}: {
  readonly detail: TileDetail;
  readonly onOpen: ((target: DrillTarget) => void) | undefined;
}) {
  const { drill } = detail;
  if (drill === undefined || onOpen === undefined)
    return (
      <span class="tile-detail">
        {detail.label} <b>{detail.value}</b>
      </span>
    );
  return (
    <button
      type="button"
      class="tile-detail tile-open-detail"
      aria-haspopup="dialog"
      title="List these tickets"
      onClick={() => onOpen(drill)}
    >
      {detail.label} <b>{detail.value}</b>
    </button>
  );
}

/**
 * One figure, big, with its level in colour and in words, its small print, and its trend.
 * A figure with a list behind it opens the list: its title is a button (Enter or Space, or a
 * click anywhere on the tile), and so is each small count with a list of its own.
 */
export function MetricTile({ spec, values, limits, spark, sparkNote, onOpen }: MetricTileProps) {
  const value = values ? readFigure(spec.value, values) : null;
  const level = levelOf(value, limits, spec.direction);
  const marker = levelMarker(level);
  const titleId = `tile-${spec.key.replace('.', '-')}`;
  const drill = onOpen === undefined ? undefined : spec.drill;
  return (
    <section
      class={spec.wide ? 'tile tile-wide' : 'tile'}
      data-metric={spec.key}
      data-level={level}
      data-drill={drill === undefined ? undefined : drill.list}
      aria-labelledby={titleId}
    >
      <h3 id={titleId} class="tile-title">
        {drill === undefined ? (
          spec.title
        ) : (
          <button
            type="button"
            class="tile-open"
            aria-haspopup="dialog"
            title="List the tickets"
            onClick={() => onOpen?.(drill)}
          >
            {spec.title}
          </button>
        )}
      </h3>
      <p class="tile-figure">
        <span class="tile-value" data-value="">
          {formatFigure(spec.unit, value)}
        </span>
      </p>
      {/* After the figure for screen readers; beside the title on screen. */}
      {marker && <p class="tile-marker">{marker}</p>}
      <p class="tile-details">
        {values && spec.details
          ? detailsOf(spec, values).map((d) => <Detail key={d.label} detail={d} onOpen={onOpen} />)
          : spec.note}
      </p>
      <div class="tile-spark">
        <Sparkline {...spark} />
        {sparkNote && <span class="spark-note">{sparkNote}</span>}
      </div>
    </section>
  );
}
