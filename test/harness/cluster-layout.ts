import { isHealthy, type ClusterNodesEntry } from './cluster-nodes-entry.js';

/** Redis Cluster's fixed number of hash slots. */
export const clusterSlots = 16_384;

/** A master, the slots it serves and its replicas, as the cluster agrees on them. */
export interface ClusterShard {
  readonly masterPort: number;
  readonly masterId: string;
  /** Inclusive slot ranges, ascending. */
  readonly slots: readonly (readonly [number, number])[];
  /** Ports of the healthy replicas that follow it, ascending. */
  readonly replicaPorts: readonly number[];
}

/**
 * One node's view of who serves what, counting only the members it sees as healthy, so two
 * views agree exactly when the cluster has settled. Shards are in slot order.
 */
export function layoutOf(entries: readonly ClusterNodesEntry[]): ClusterShard[] {
  const healthy = entries.filter(isHealthy);
  return healthy
    .filter((entry) => entry.role === 'master' && entry.slots.length > 0)
    .map((master) => ({
      masterPort: master.port,
      masterId: master.id,
      slots: [...master.slots].sort((a, b) => a[0] - b[0]),
      replicaPorts: healthy
        .filter((entry) => entry.role === 'replica' && entry.masterId === master.id)
        .map((entry) => entry.port)
        .sort((a, b) => a - b),
    }))
    .sort((a, b) => (a.slots[0]?.[0] ?? 0) - (b.slots[0]?.[0] ?? 0));
}

/** How many slots the layout's masters serve together. */
export function slotsServed(layout: readonly ClusterShard[]): number {
  return layout
    .flatMap((shard) => shard.slots)
    .reduce((sum, [start, end]) => sum + end - start + 1, 0);
}

/** The shard whose master serves `slot`, if any. */
export function shardOfSlot(
  layout: readonly ClusterShard[],
  slot: number,
): ClusterShard | undefined {
  return layout.find((shard) => shard.slots.some(([start, end]) => slot >= start && slot <= end));
}

/** A one-line picture for error messages: `0-5460 @7000 (7004) | 5461-10922 @7001 (7005)`. */
export function describeLayout(layout: readonly ClusterShard[]): string {
  if (layout.length === 0) return 'no master serving slots';
  return layout
    .map((shard) => {
      const ranges = shard.slots.map(([start, end]) => `${start}-${end}`).join(',');
      return `${ranges} @${shard.masterPort} (${shard.replicaPorts.join(',') || 'no replica'})`;
    })
    .join(' | ');
}
