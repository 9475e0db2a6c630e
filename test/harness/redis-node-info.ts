/** What one Redis node reports of its work: CPU time and calls per command. */
export interface RedisNodeInfo {
  readonly port: number;
  /** `used_cpu_sys` + `used_cpu_user` of the main process, in seconds since it started. */
  readonly cpuSeconds: number;
  readonly usedCpuSys: number;
  readonly usedCpuUser: number;
  /** Per command (`get`, `evalsha`, `cluster|nodes`…): calls and microseconds spent. */
  readonly commands: Readonly<Record<string, { readonly calls: number; readonly usec: number }>>;
  /** Calls of every command together. */
  readonly calls: number;
}

/**
 * Parses the reply to `INFO cpu commandstats`. The counters only grow (until `CONFIG
 * RESETSTAT`), so a benchmark takes one before and one after and compares the differences.
 */
export function parseRedisNodeInfo(port: number, reply: string): RedisNodeInfo {
  const fields = new Map<string, string>();
  for (const line of reply.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#'))
      fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  const commands: Record<string, { calls: number; usec: number }> = {};
  for (const [name, value] of fields) {
    if (!name.startsWith('cmdstat_')) continue;
    // `calls=12,usec=40,usec_per_call=3.33,rejected_calls=0,failed_calls=0`
    const stats = new Map(value.split(',').map((pair) => pair.split('=') as [string, string]));
    commands[name.slice('cmdstat_'.length)] = {
      calls: Number(stats.get('calls') ?? 0),
      usec: Number(stats.get('usec') ?? 0),
    };
  }
  const usedCpuSys = Number(fields.get('used_cpu_sys') ?? 0);
  const usedCpuUser = Number(fields.get('used_cpu_user') ?? 0);
  return {
    port,
    cpuSeconds: usedCpuSys + usedCpuUser,
    usedCpuSys,
    usedCpuUser,
    commands,
    calls: Object.values(commands).reduce((sum, command) => sum + command.calls, 0),
  };
}
