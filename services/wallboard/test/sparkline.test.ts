import { describe, expect, it } from 'vitest';
import type { TrendData } from '../src/api/metrics-data';
import { GaugeHistory } from '../src/tiles/gauge-history';
import { sparklineRuns } from '../src/tiles/sparkline-geometry';
import { gaugeSpark, trendSpark } from '../src/tiles/tile-spark';
import { TILE_SPECS } from '../src/tiles/tile-specs';

const spec = (key: string) => TILE_SPECS.find((s) => s.key === key)!;
const frame = { from: 0, to: 100, width: 100, height: 30, pad: 3 };

describe('sparklineRuns', () => {
  it('spreads figures over the window, the lowest at the bottom', () => {
    const runs = sparklineRuns(
      [
        { t: 0, v: 1 },
        { t: 50, v: 3 },
        { t: 100, v: 2 },
      ],
      frame,
    );
    expect(runs).toEqual([
      [
        [0, 27],
        [50, 3],
        [100, 15],
      ],
    ]);
  });

  it('breaks the line where there is no figure', () => {
    const runs = sparklineRuns(
      [
        { t: 0, v: 1 },
        { t: 25, v: null },
        { t: 50, v: 1 },
        { t: 75, v: 1 },
      ],
      frame,
    );
    expect(runs.map((r) => r.length)).toEqual([1, 2]);
    expect(runs[1]![0]![1]).toBe(15);
  });

  it('draws nothing without figures', () => {
    expect(sparklineRuns([{ t: 0, v: null }], frame)).toEqual([]);
  });
});

describe('trendSpark', () => {
  const slice = (from: string, to: string, overall: number | null) => ({
    from,
    to,
    values: overall === null ? {} : { emea: { attainment: { overall } } },
  });
  const trend = {
    window: '1h',
    dimension: 'team',
    stepMinutes: 30,
    slices: [
      slice('2026-11-23T09:00:00Z', '2026-11-23T09:30:00Z', 0.92),
      slice('2026-11-23T09:30:00Z', '2026-11-23T10:00:00Z', null),
      slice('2026-11-23T10:00:00Z', '2026-11-23T10:30:00Z', 0.95),
    ],
  } as unknown as TrendData;

  it("draws the scope's figure of each slice and says where it went", () => {
    const spark = trendSpark(spec('attainment.overall'), trend, { kind: 'team', value: 'emea' });
    expect(spark.points.map((p) => p.v)).toEqual([0.92, null, 0.95]);
    expect(spark.from).toBe(Date.parse('2026-11-23T09:00:00Z'));
    expect(spark.to).toBe(Date.parse('2026-11-23T10:30:00Z'));
    expect(spark.label).toBe('trend: 92.0 % to 95.0 %');
  });

  it('counts a slice with nothing in it as zero for a count, not for a rate', () => {
    const scope = { kind: 'team', value: 'emea' } as const;
    const counts = trendSpark(spec('volumeIn'), trend, scope);
    expect(counts.points.map((p) => p.v)).toEqual([null, 0, null]);
  });

  it('says when there is nothing to draw yet', () => {
    expect(trendSpark(spec('nps'), null, { kind: 'all' }).label).toBe('trend: no data yet');
  });
});

describe('gauges', () => {
  const hour = 3_600_000;

  it('keep only the ends of a run of equal values', () => {
    const h = new GaugeHistory();
    for (let t = 0; t < 10; t++) h.add('s', t * 1000, 3);
    h.add('s', 10_000, 4);
    expect(h.since('s', 0).samples).toEqual([
      { at: 0, value: 3 },
      { at: 9_000, value: 3 },
      { at: 10_000, value: 4 },
    ]);
  });

  it('say since when, when the page has watched for less than the window', () => {
    const h = new GaugeHistory();
    const start = Date.parse('2026-11-23T09:02:00Z');
    h.add('s', start, 2);
    h.add('s', start + 60_000, 5);
    const spark = gaugeSpark(spec('atRisk'), h, 's', start + 120_000, hour);
    expect(spark.note).toMatch(/^since \d\d:\d\d$/);
    expect(spark.label).toMatch(/^since \d\d:\d\d: 2 to 5$/);
    // The last value holds up to the newest word from the server.
    expect(spark.points.at(-1)).toEqual({ t: start + 120_000, v: 5 });
  });

  it('cover the whole window once watched for longer', () => {
    const h = new GaugeHistory();
    h.add('s', 0, 1);
    h.add('s', 2 * hour, 7);
    const spark = gaugeSpark(spec('backlog'), h, 's', 2.5 * hour, hour);
    expect(spark.note).toBeUndefined();
    expect(spark.points[0]).toEqual({ t: 1.5 * hour, v: 1 });
    expect(spark.label).toBe('trend: 1 to 7');
  });

  it('break where the page stopped listening', () => {
    const h = new GaugeHistory();
    h.add('s', 0, 1);
    h.interrupt('s', 5_000);
    h.add('s', 9_000, 2);
    expect(h.since('s', 0).samples).toEqual([
      { at: 0, value: 1 },
      { at: 5_000, value: 1 },
      { at: 5_000, value: null },
      { at: 9_000, value: 2 },
    ]);
  });

  it('forget what is older than they keep', () => {
    const h = new GaugeHistory(10_000, 3);
    for (let t = 0; t < 10; t++) h.add('s', t * 4_000, t);
    const { samples } = h.since('s', 0);
    expect(samples.map((s) => s.value)).toEqual([7, 8, 9]);
  });
});
