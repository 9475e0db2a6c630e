import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, uniqueGroupId } from '@slawatch/test';
import { processTreeCpuMs } from './process-tree-cpu.js';
import { progress } from './progress.js';
import { sumsByName } from './prometheus-samples.js';
import { startService, type ServiceProcess } from './start-service.js';

/** `slawatch run tracker` processes of one consumer group, each with its ops endpoint. */
export interface TrackerFleet {
  readonly trackers: readonly ServiceProcess[];
  /** Resolves once every partition is assigned and each tracker holds at least one. */
  joined(partitions: number, ms: number): Promise<void>;
  /** CPU ms the tracker processes have used so far. */
  cpuMs(): number;
  /** Each tracker's /metrics, summed by metric name. */
  scrape(): Promise<Map<string, number>[]>;
  stop(): Promise<void>;
}

/** Starts `count` trackers with `env` and waits for each to log that it consumes. */
export async function startTrackers(
  count: number,
  env: Readonly<Record<string, string>>,
): Promise<TrackerFleet> {
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const trackers = ports.map((port) =>
    startService('tracker', { ...env, SLAWATCH_OPS_PORT: String(port) }),
  );
  const stop = async () => {
    await Promise.all(trackers.map((t) => t.stop()));
  };
  try {
    await Promise.all(trackers.map((t) => t.waitFor('tracker consuming', 60_000)));
  } catch (error) {
    await stop();
    throw error;
  }
  const exposition = async (port: number) => {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`tracker /metrics: HTTP ${response.status}`);
    return response.text();
  };
  return {
    trackers,
    async joined(partitions, ms) {
      const until = performance.now() + ms;
      for (;;) {
        // A tracker reports a lag series for each partition it holds (consumer-lag.ts).
        const held = await Promise.all(
          ports.map(
            async (port) =>
              (await exposition(port)).match(/^slawatch_tracker_consumer_lag\{/gm)?.length ?? 0,
          ),
        );
        const total = held.reduce((a, b) => a + b, 0);
        if (total === partitions && held.every((n) => n > 0 || count > partitions)) return;
        if (performance.now() > until)
          throw new Error(
            `the group did not settle: partitions held ${held.join(', ')}\n` +
              trackers.map((t) => t.output().slice(-2_000)).join('\n'),
          );
        await sleep(250);
      }
    },
    cpuMs: () => trackers.reduce((sum, t) => sum + processTreeCpuMs(t.child.pid ?? -1), 0),
    scrape: () => Promise.all(ports.map(async (port) => sumsByName(await exposition(port)))),
    stop,
  };
}

const ATTEMPTS = 3;

/**
 * Starts `count` trackers in a consumer group of their own (`SLAWATCH_GROUP_ID`) and waits
 * until they hold the `partitions` between them. The mock broker sometimes fails a
 * SyncGroup while several members join at once, and a tracker then waits out its
 * consumer's restart back-off with no partition: such a fleet is stopped and a new one
 * started in a new group, up to 3 times.
 */
export async function startSettledTrackers(
  count: number,
  env: Readonly<Record<string, string>>,
  partitions: number,
): Promise<{ fleet: TrackerFleet; groupId: string }> {
  for (let attempt = 1; ; attempt++) {
    const groupId = uniqueGroupId('bench-scale');
    const fleet = await startTrackers(count, { ...env, SLAWATCH_GROUP_ID: groupId });
    try {
      await fleet.joined(partitions, 60_000);
      return { fleet, groupId };
    } catch (error) {
      await fleet.stop();
      if (attempt === ATTEMPTS) throw error;
      progress(`${count} trackers did not share the partitions within 60 s: a new group`);
    }
  }
}
