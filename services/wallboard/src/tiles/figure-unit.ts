import { formatDuration } from '../format/format-duration';
import { formatCount, formatNps, formatScore } from '../format/format-number';
import { formatPercent } from '../format/format-percent';

/**
 * How a tile's figure is kept, shown and entered: ratios (0..1) are shown and entered as
 * percentages, durations (seconds) are entered in minutes.
 */
export type FigureUnit = 'percent' | 'count' | 'duration' | 'score' | 'nps';

export function formatFigure(unit: FigureUnit, value: number | null): string {
  switch (unit) {
    case 'percent':
      return formatPercent(value);
    case 'count':
      return formatCount(value);
    case 'duration':
      return formatDuration(value);
    case 'score':
      return formatScore(value);
    case 'nps':
      return formatNps(value);
  }
}

/** What a limit's input field is counted in. */
export function inputUnit(unit: FigureUnit): string {
  switch (unit) {
    case 'percent':
      return '%';
    case 'duration':
      return 'minutes';
    case 'count':
      return 'count';
    case 'score':
      return 'points (0–100)';
    case 'nps':
      return 'NPS (−100–100)';
  }
}

const factor = (unit: FigureUnit): number =>
  unit === 'percent' ? 100 : unit === 'duration' ? 1 / 60 : 1;

/** A stored limit as the settings form shows it ("" when not set). */
export function limitToInput(unit: FigureUnit, value: number | null): string {
  if (value === null) return '';
  // Rounded to hide float noise such as 0.9 × 100 = 90.00000000000001.
  return String(Math.round(value * factor(unit) * 1000) / 1000);
}

/** A limit typed in the settings form; null when left empty, undefined when not a number. */
export function limitFromInput(unit: FigureUnit, text: string): number | null | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return undefined;
  return n / factor(unit);
}
