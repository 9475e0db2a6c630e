import { readFileSync } from 'node:fs';

/** CPU time (ms) used so far by this process and by the servers it started. */
export interface CpuSample {
  readonly at: number;
  readonly node: number;
  readonly redis: number;
  readonly broker: number;
}

/** Share of one core each used between two samples (1 = a whole core). */
export interface CpuShare {
  readonly node: number;
  readonly redis: number;
  readonly broker: number;
}

// Linux reports a process' CPU time in clock ticks of 1/100 s (USER_HZ) on every common
// architecture; /proc/<pid>/stat fields 14 and 15 are user and system time.
const TICK_MS = 10;

function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; count fields after its closing ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return NaN; // not Linux, or the process is gone
  }
}

/**
 * Samples CPU time, to tell which process limits a measurement: this Node process (all its
 * threads), redis-server, and the Kafka mock broker (kcat), all on the same cores.
 */
export class CpuMeter {
  constructor(private readonly pids: { readonly redis: number; readonly broker: number }) {}

  sample(): CpuSample {
    const usage = process.cpuUsage();
    return {
      at: performance.now(),
      node: (usage.user + usage.system) / 1000,
      redis: procCpuMs(this.pids.redis),
      broker: procCpuMs(this.pids.broker),
    };
  }
}

export function cpuShare(from: CpuSample, to: CpuSample): CpuShare {
  const wall = to.at - from.at;
  return {
    node: (to.node - from.node) / wall,
    redis: (to.redis - from.redis) / wall,
    broker: (to.broker - from.broker) / wall,
  };
}

/** Sums shares of several windows, weighted by their length. */
export class CpuAccumulator {
  private wall = 0;
  private used = { node: 0, redis: 0, broker: 0 };

  add(from: CpuSample, to: CpuSample): void {
    this.wall += to.at - from.at;
    this.used.node += to.node - from.node;
    this.used.redis += to.redis - from.redis;
    this.used.broker += to.broker - from.broker;
  }

  share(): CpuShare {
    return {
      node: this.used.node / this.wall,
      redis: this.used.redis / this.wall,
      broker: this.used.broker / this.wall,
    };
  }
}

export const formatCpu = (s: CpuShare): string =>
  `CPU (cores): node ${s.node.toFixed(2)}, redis ${s.redis.toFixed(2)}, broker ${s.broker.toFixed(2)}`;
