import { int } from './format.js';
import type { ScaleRunResult } from './scale-run.js';
import { masterCpu, table } from './scale-tables.js';

/** What a projection rests on, read off one measured cluster run. */
export interface ProjectionBasis {
  /** Events one tracker folds per second of its own CPU. */
  readonly trackerEventsPerCore: number;
  /** Events the cluster's masters serve per second of master CPU, all masters together. */
  readonly redisEventsPerCore: number;
  /** The busiest master's CPU share × N: 1 is a perfect spread. */
  readonly imbalance: number;
  /** Share of a core each process is planned at, to leave room for bursts. */
  readonly utilisation: number;
}

export function projectionBasis(run: ScaleRunResult, utilisation = 0.7): ProjectionBasis {
  const cpu = masterCpu(run);
  const busiest = Math.max(...run.masters.map((m) => m.work.cpuSeconds)) / cpu;
  return {
    trackerEventsPerCore: run.events / (run.trackerCpuMs / 1000),
    redisEventsPerCore: run.events / cpu,
    imbalance: busiest * run.masters.length,
    utilisation,
  };
}

/**
 * Trackers, partitions and masters for each target rate: trackers at `utilisation` of a
 * core each (a tracker is one Node process: one core at most), the busiest master at
 * `utilisation` of its one core (Redis runs commands on one thread), at least 3 masters (a
 * cluster's minimum), and two partitions per tracker, so the trackers can be doubled without
 * adding partitions (which would move tickets between partitions).
 */
export function projectionTable(basis: ProjectionBasis, targets: readonly number[]): string {
  return table(
    [
      'events/s',
      'trackers',
      'topic partitions',
      'Redis masters (+1 replica each)',
      'busiest master',
      'tracker cores',
    ],
    targets.map((rate) => {
      const trackers = Math.ceil(rate / (basis.trackerEventsPerCore * basis.utilisation));
      const masters = Math.max(
        3,
        Math.ceil((rate * basis.imbalance) / (basis.redisEventsPerCore * basis.utilisation)),
      );
      const busiest = (rate * basis.imbalance) / masters / basis.redisEventsPerCore;
      return [
        int(rate),
        int(trackers),
        int(trackers * 2),
        int(masters),
        `${busiest.toFixed(2)} core`,
        (rate / basis.trackerEventsPerCore).toFixed(1),
      ];
    }),
  );
}
