/**
 * The sum of every sample of each metric family in a Prometheus text exposition, by name
 * (`slawatch_tracker_consumer_lag` summed over its partitions). Enough for the soak, which
 * follows totals over time, not single series.
 */
export function sumsByName(exposition: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const line of exposition.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{.*\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const value = Number(match[2]);
    if (Number.isFinite(value)) sums.set(match[1]!, (sums.get(match[1]!) ?? 0) + value);
  }
  return sums;
}
