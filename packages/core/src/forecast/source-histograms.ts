import type { SourceHistograms } from './breach-probability.js';
import type { ForecastSource } from './forecast-source.js';

const SOURCES: readonly ForecastSource[] = ['fr', 'nr', 'rs'];

/**
 * The forecast's duration histograms out of one dimension value's summed metric fields
 * (`<code>.b<bin>`, as the rolling metrics keep them; metric-summary.ts reads the same).
 */
export function sourceHistograms(fields: ReadonlyMap<string, number>): SourceHistograms {
  const out: Partial<Record<ForecastSource, Map<string, number>>> = {};
  for (const [field, count] of fields) {
    const source = field.slice(0, 2) as ForecastSource;
    if (field[2] !== '.' || field[3] !== 'b' || !SOURCES.includes(source)) continue;
    (out[source] ??= new Map()).set(field.slice(4), count);
  }
  return out;
}
