import { Redis } from 'ioredis';

/** What Redis did over a window: CPU of its main process, and calls and usec per command. */
export interface RedisCommandWork {
  readonly cpuMs: number;
  /** Bytes Redis read from its clients (commands and their arguments). */
  readonly bytesIn: number;
  readonly calls: number;
  /** Time spent executing commands (commandstats usec), scripts' inner calls included. */
  readonly commandMs: number;
  readonly byCommand: ReadonlyMap<string, { readonly calls: number; readonly usec: number }>;
}

// The benchmark's own reads of the counters are not the tracker's work.
const OWN = new Set(['info', 'config|resetstat', 'hello', 'client|setname', 'client|setinfo']);

/** `INFO cpu commandstats` over a fresh connection (so the reader's own calls stay out of the window but one INFO). */
export async function readCommandWork(host: string, port: number): Promise<RedisCommandWork> {
  const redis = new Redis({ host, port, lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const reply = await redis.info('cpu', 'stats', 'commandstats');
    const byCommand = new Map<string, { calls: number; usec: number }>();
    let cpuSeconds = 0;
    let bytesIn = 0;
    for (const line of reply.split('\n')) {
      const input = /^total_net_input_bytes:(\d+)/.exec(line);
      if (input) bytesIn = Number(input[1]);
      const stat = /^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/.exec(line);
      if (stat && !OWN.has(stat[1]!))
        byCommand.set(stat[1]!, { calls: Number(stat[2]), usec: Number(stat[3]) });
      // The main process only (used_cpu_sys/user), not its children (a BGSAVE fork).
      const cpu = /^used_cpu_(?:sys|user):([\d.]+)/.exec(line);
      if (cpu) cpuSeconds += Number(cpu[1]);
    }
    return summarise(cpuSeconds * 1000, bytesIn, byCommand);
  } finally {
    redis.disconnect();
  }
}

/** `after` less `before`. */
export function commandWorkBetween(
  before: RedisCommandWork,
  after: RedisCommandWork,
): RedisCommandWork {
  const byCommand = new Map<string, { calls: number; usec: number }>();
  for (const [name, a] of after.byCommand) {
    const b = before.byCommand.get(name) ?? { calls: 0, usec: 0 };
    if (a.calls > b.calls) byCommand.set(name, { calls: a.calls - b.calls, usec: a.usec - b.usec });
  }
  return summarise(after.cpuMs - before.cpuMs, after.bytesIn - before.bytesIn, byCommand);
}

/** The sum of several windows. */
export function addCommandWork(a: RedisCommandWork, b: RedisCommandWork): RedisCommandWork {
  const byCommand = new Map<string, { calls: number; usec: number }>(a.byCommand);
  for (const [name, w] of b.byCommand) {
    const s = byCommand.get(name) ?? { calls: 0, usec: 0 };
    byCommand.set(name, { calls: s.calls + w.calls, usec: s.usec + w.usec });
  }
  return summarise(a.cpuMs + b.cpuMs, a.bytesIn + b.bytesIn, byCommand);
}

export const NO_COMMAND_WORK: RedisCommandWork = summarise(0, 0, new Map());

function summarise(
  cpuMs: number,
  bytesIn: number,
  byCommand: ReadonlyMap<string, { calls: number; usec: number }>,
): RedisCommandWork {
  let calls = 0;
  let usec = 0;
  for (const w of byCommand.values()) {
    calls += w.calls;
    usec += w.usec;
  }
  return { cpuMs, bytesIn, calls, commandMs: usec / 1000, byCommand };
}
