import { describe, expect, it } from 'vitest';
import { attainmentChange, outcomeDirection } from '../src/backtest/change-direction';
import { formatPoints } from '../src/format/format-points';

const outcomes = (met: number, breached: number) => ({
  met,
  breached,
  attainment: met + breached === 0 ? null : met / (met + breached),
});

describe('the change in attainment', () => {
  it('is in points, better when attainment rises', () => {
    expect(attainmentChange(outcomes(1, 1), outcomes(2, 0))).toEqual({
      points: 50,
      direction: 'better',
    });
    expect(attainmentChange(outcomes(3, 1), outcomes(1, 1)).direction).toBe('worse');
    expect(attainmentChange(outcomes(1, 1), outcomes(2, 2))).toEqual({
      points: 0,
      direction: 'same',
    });
  });

  it('is unknown where a side has no finished clock', () => {
    expect(attainmentChange(outcomes(0, 0), outcomes(1, 0))).toEqual({
      points: null,
      direction: 'unknown',
    });
  });
});

describe("a clock's change of outcome", () => {
  it('is better when it loses a breach, worse when it gains one', () => {
    expect(outcomeDirection('breached', 'met')).toBe('better');
    expect(outcomeDirection('breached', 'none')).toBe('better');
    expect(outcomeDirection('met', 'breached')).toBe('worse');
    expect(outcomeDirection('none', 'breached')).toBe('worse');
    expect(outcomeDirection('met', 'none')).toBe('same');
  });
});

describe('formatPoints', () => {
  it('signs the change, with one decimal', () => {
    expect(formatPoints(50)).toBe('+50.0 pt');
    expect(formatPoints(-1.25)).toBe('\u22121.3 pt');
    expect(formatPoints(0)).toBe('±0 pt');
    expect(formatPoints(null)).toBe('—');
  });

  it('never shows a change as none', () => {
    expect(formatPoints(0.01)).toBe('+<0.1 pt');
    expect(formatPoints(-0.04)).toBe('\u2212<0.1 pt');
  });
});
