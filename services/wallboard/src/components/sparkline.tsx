import { sparklineRuns, type SparkPoint } from '../tiles/sparkline-geometry';

const WIDTH = 100;
const HEIGHT = 30;

export interface SparklineProps {
  readonly points: readonly SparkPoint[];
  readonly from: number;
  readonly to: number;
  /** The chart in words, for screen readers and as its tooltip. */
  readonly label: string;
}

/** A trend line without axes: its shape over the window, drawn to the tile's width. */
export function Sparkline({ points, from, to, label }: SparklineProps) {
  const runs = sparklineRuns(points, { from, to, width: WIDTH, height: HEIGHT, pad: 3 });
  return (
    <svg
      data-sparkline=""
      class="sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {runs.map((run, i) => {
        // A lone figure between gaps is drawn as a short dash, so it is not lost.
        const drawn =
          run.length === 1 && run[0]
            ? [
                [run[0][0] - 1, run[0][1]],
                [run[0][0] + 1, run[0][1]],
              ]
            : run;
        return <polyline key={i} points={drawn.map(([x, y]) => `${x},${y}`).join(' ')} />;
      })}
    </svg>
  );
}
