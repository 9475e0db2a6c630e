import { Redis } from 'ioredis';

/** A Redis node's counters: calls per command and CPU seconds (they only grow). */
export interface RedisWork {
  readonly calls: number;
  readonly cpuSeconds: number;
  readonly byCommand: ReadonlyMap<string, number>;
}

// What the benchmark itself sends (INFO, CONFIG RESETSTAT, MONITOR, the cluster client's
// topology reads are the services' own and stay): not the services' work.
const OWN = new Set(['info', 'config|resetstat', 'monitor']);

/** `INFO cpu commandstats` of one node over a fresh connection, without the bench's own calls. */
export async function readRedisWork(host: string, port: number): Promise<RedisWork> {
  const redis = new Redis({ host, port, lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const reply = await redis.info('cpu', 'commandstats');
    const byCommand = new Map<string, number>();
    let cpuSeconds = 0;
    for (const line of reply.split('\n')) {
      const stat = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
      if (stat && !OWN.has(stat[1]!)) byCommand.set(stat[1]!, Number(stat[2]));
      // The main process only (used_cpu_sys/user), not its children (a BGSAVE fork).
      const cpu = /^used_cpu_(?:sys|user):([\d.]+)/.exec(line);
      if (cpu) cpuSeconds += Number(cpu[1]);
    }
    let calls = 0;
    for (const n of byCommand.values()) calls += n;
    return { calls, cpuSeconds, byCommand };
  } finally {
    redis.disconnect();
  }
}

/** `after` less `before`. */
export function workBetween(before: RedisWork, after: RedisWork): RedisWork {
  const byCommand = new Map<string, number>();
  for (const [name, n] of after.byCommand)
    byCommand.set(name, n - (before.byCommand.get(name) ?? 0));
  return {
    calls: after.calls - before.calls,
    cpuSeconds: after.cpuSeconds - before.cpuSeconds,
    byCommand,
  };
}
