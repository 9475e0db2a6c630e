/**
 * Each process's CPU between two samples, in cores (1 = a whole core busy), from its
 * cumulative CPU seconds: `<process>:process_cpu_seconds_total` on a service's /metrics, or
 * `redis:cpu_seconds` from Redis `INFO cpu`. Set as `<process>:cpu_cores` on `values`; the
 * first sample has nothing to difference against, so it has none.
 */
export function addCpuCores(
  previous: { readonly minute: number; readonly values: ReadonlyMap<string, number> } | undefined,
  minute: number,
  values: Map<string, number>,
  processes: readonly string[],
): void {
  if (!previous) return;
  const seconds = (minute - previous.minute) * 60;
  for (const name of processes) {
    const key = cpuSecondsKey(name);
    const used = (values.get(key) ?? NaN) - (previous.values.get(key) ?? NaN);
    values.set(`${name}:cpu_cores`, used / seconds);
  }
}

const cpuSecondsKey = (name: string) =>
  name === 'redis' ? 'redis:cpu_seconds' : `${name}:process_cpu_seconds_total`;

/** Redis's own CPU seconds so far (user + system, all its threads), from `INFO cpu`. */
export function redisCpuSeconds(info: string): number {
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1]);
  return field('used_cpu_user') + field('used_cpu_sys');
}
