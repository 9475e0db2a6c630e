import type { MetricValues } from '@slawatch/core';
import { levelMarker, levelOf, type Limits } from '../state/level';
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
}

function detailsOf(spec: TileSpec, values: MetricValues): readonly TileDetail[] {
  try {
    return spec.details?.(values) ?? [];
  } catch {
    return [];
  }
}

/** One figure, big, with its level in colour and in words, its small print, and its trend. */
export function MetricTile({ spec, values, limits, spark, sparkNote }: MetricTileProps) {
  const value = values ? readFigure(spec.value, values) : null;
  const level = levelOf(value, limits, spec.direction);
  const marker = levelMarker(level);
  const titleId = `tile-${spec.key.replace('.', '-')}`;
  return (
    <section
      class={spec.wide ? 'tile tile-wide' : 'tile'}
      data-metric={spec.key}
      data-level={level}
      aria-labelledby={titleId}
    >
      <h3 id={titleId} class="tile-title">
        {spec.title}
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
          ? detailsOf(spec, values).map((d) => (
              <span key={d.label} class="tile-detail">
                {d.label} <b>{d.value}</b>
              </span>
            ))
          : spec.note}
      </p>
      <div class="tile-spark">
        <Sparkline {...spark} />
        {sparkNote && <span class="spark-note">{sparkNote}</span>}
      </div>
    </section>
  );
}
