import { describe, expect, it } from 'vitest';
import { levelMarker, levelOf } from '../src/state/level';
import { defaultThresholds, parseThresholds } from '../src/state/thresholds';
import { limitFromInput, limitToInput } from '../src/tiles/figure-unit';
import { TILE_KEYS } from '../src/tiles/tile-key';
import { TILE_SPECS } from '../src/tiles/tile-specs';

describe('levelOf', () => {
  const attainment = { warn: 0.9, critical: 0.8 };
  const breaches = { warn: 1, critical: 5 };

  it('is bad below the limit for a figure that should be high', () => {
    expect(levelOf(0.95, attainment, 'below')).toBe('ok');
    expect(levelOf(0.9, attainment, 'below')).toBe('ok');
    expect(levelOf(0.85, attainment, 'below')).toBe('warn');
    expect(levelOf(0.79, attainment, 'below')).toBe('critical');
  });

  it('is bad at or above the limit for a figure that should be low', () => {
    expect(levelOf(0, breaches, 'above')).toBe('ok');
    expect(levelOf(1, breaches, 'above')).toBe('warn');
    expect(levelOf(5, breaches, 'above')).toBe('critical');
  });

  it('has no level without a figure or without limits', () => {
    expect(levelOf(null, breaches, 'above')).toBe('none');
    expect(levelOf(3, { warn: null, critical: null }, 'above')).toBe('none');
    expect(levelOf(3, { warn: null, critical: 2 }, 'above')).toBe('critical');
  });

  it('says the level in words, not only in colour', () => {
    expect(levelMarker('critical')).toBe('▲ critical');
    expect(levelMarker('warn')).toBe('◆ warn');
    expect(levelMarker('ok')).toBe('');
  });
});

describe('tile specs', () => {
  it('cover every tile key once, in the documented order', () => {
    expect(TILE_SPECS.map((s) => s.key)).toEqual([...TILE_KEYS]);
  });

  it('default to the limits of the issue', () => {
    const d = defaultThresholds(TILE_SPECS);
    expect(d['attainment.overall']).toEqual({ warn: 0.9, critical: 0.8 });
    expect(d.firstResponseP90).toEqual({ warn: 3600, critical: 4 * 3600 });
    expect(d.breaches).toEqual({ warn: 1, critical: 5 });
    expect(d.atRisk).toEqual({ warn: 1, critical: 10 });
    expect(d.csat).toEqual({ warn: 0.85, critical: 0.7 });
    expect(d.nps).toEqual({ warn: 30, critical: 0 });
    expect(d.quality).toEqual({ warn: 80, critical: 60 });
  });
});

describe('stored limits', () => {
  it('override the defaults, and a cleared limit stays cleared', () => {
    const t = parseThresholds(
      JSON.stringify({ breaches: { warn: 2, critical: null }, csat: { warn: 'x' } }),
      TILE_SPECS,
    );
    expect(t.breaches).toEqual({ warn: 2, critical: null });
    expect(t.csat).toEqual({ warn: 0.85, critical: 0.7 });
    expect(t.nps).toEqual({ warn: 30, critical: 0 });
  });

  it('fall back to the defaults when unreadable', () => {
    expect(parseThresholds('{not json', TILE_SPECS)).toEqual(defaultThresholds(TILE_SPECS));
  });
});

describe('limit fields', () => {
  it('enter ratios as percentages and durations in minutes', () => {
    expect(limitToInput('percent', 0.9)).toBe('90');
    expect(limitFromInput('percent', '85.5')).toBeCloseTo(0.855);
    expect(limitToInput('duration', 3600)).toBe('60');
    expect(limitFromInput('duration', '240')).toBe(14_400);
    expect(limitFromInput('count', ' ')).toBeNull();
    expect(limitFromInput('count', 'many')).toBeUndefined();
    expect(limitFromInput('nps', '-10')).toBe(-10);
  });
});
