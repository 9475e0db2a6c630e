import { processTreeCpuMs } from './process-tree-cpu.js';

/** CPU time (ms) each named process tree had used at an instant (`at`, performance.now()). */
export interface TreeCpuSample {
  readonly at: number;
  readonly used: Readonly<Record<string, number>>;
}

/**
 * Samples the CPU time of named process trees (services, Chromium, servers) and of this
 * process (`bench`), to tell which one a measurement waited on: they share the cores.
 */
export class TreeCpuMeter {
  constructor(private readonly pids: Readonly<Record<string, number>>) {}

  sample(): TreeCpuSample {
    const usage = process.cpuUsage();
    const used: Record<string, number> = { bench: (usage.user + usage.system) / 1000 };
    for (const [name, pid] of Object.entries(this.pids)) used[name] = processTreeCpuMs(pid);
    return { at: performance.now(), used };
  }

  /** Share of one core each used between two samples (1 = a whole core). */
  static shares(from: TreeCpuSample, to: TreeCpuSample): Record<string, number> {
    const wall = to.at - from.at;
    return Object.fromEntries(
      Object.entries(to.used).map(([name, ms]) => [name, (ms - (from.used[name] ?? NaN)) / wall]),
    );
  }
}
