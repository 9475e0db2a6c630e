import { describe, expect, it } from 'vitest';
import { DEFAULT_METRICS_SETTINGS, summarizeMetrics } from '@slawatch/core';
import { hasFigure, readFigure } from '../src/tiles/read-figure';
import { TILE_SPECS } from '../src/tiles/tile-specs';

// The further clocks' tiles (docs/events.md, "Further clocks") are optional: the board shows
// one only where the metrics answer has its kind, i.e. where a policy targets it.
const FURTHER_TILES = [
  'attainment.periodicUpdate',
  'attainment.pausableUpdate',
  'attainment.requesterWait',
  'attainment.agentWork',
];
const fields = new Map([
  ['mu.n', 3],
  ['bu.n', 1],
]);

describe('further clock tiles', () => {
  it('are the only optional tiles', () => {
    expect(TILE_SPECS.filter((s) => s.optional).map((s) => s.key)).toEqual(FURTHER_TILES);
  });

  it('have no figure when no policy targets their kind', () => {
    const m = summarizeMetrics(fields, DEFAULT_METRICS_SETTINGS);
    for (const spec of TILE_SPECS.filter((s) => s.optional))
      expect(hasFigure(spec.value, m), spec.key).toBe(false);
  });

  it('show attainment and breaches where a policy targets it, null with nothing finished', () => {
    const m = summarizeMetrics(fields, {
      ...DEFAULT_METRICS_SETTINGS,
      furtherClocks: ['periodicUpdate', 'agentWork'],
    });
    const spec = (key: string) => TILE_SPECS.find((s) => s.key === key)!;
    expect(hasFigure(spec('attainment.periodicUpdate').value, m)).toBe(true);
    expect(readFigure(spec('attainment.periodicUpdate').value, m)).toBe(0.75);
    // The small count opens the kind's breached clocks.
    expect(spec('attainment.periodicUpdate').details!(m)).toEqual([
      {
        label: 'breached',
        value: '1',
        drill: { list: 'outcomes', clock: 'periodicUpdate', outcome: 'breached' },
      },
    ]);
    expect(hasFigure(spec('attainment.agentWork').value, m)).toBe(true);
    expect(readFigure(spec('attainment.agentWork').value, m)).toBeNull();
    expect(hasFigure(spec('attainment.requesterWait').value, m)).toBe(false);
  });
});
