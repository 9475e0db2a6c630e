import type { Admin, Message, Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';

/** The events of `topic` not yet committed by `groupId`, summed over its partitions. */
export async function groupLag(admin: Admin, topic: string, groupId: string): Promise<number> {
  const [ends, groups] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const committed = new Map(
    (groups[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
  );
  let lag = 0;
  // Without a commit (-1) the group starts from the beginning (low watermark).
  for (const { partition, high, low } of ends)
    lag += Number(high) - Math.max(committed.get(partition) ?? -1, Number(low));
  return lag;
}

const SLICE = 2_000;
const POLL_MS = 100;

/**
 * Produces `messages` in slices, keeping at most `maxLag` of them uncommitted by the group.
 * The mock broker keeps only ~5 MB per partition (about 26,000 of these events): a larger
 * backlog would lose its oldest messages before the trackers read them. Kept a few slices
 * above what the trackers take per fetch, the backlog never runs dry, so the trackers are
 * timed catching up, as with a backlog produced beforehand.
 *
 * @returns the smallest backlog seen once it had first reached `maxLag` (near 0 would mean
 *   the trackers waited for the producer); Infinity if it never did
 */
export async function producePaced(
  producer: Producer,
  admin: Admin,
  topic: string,
  groupId: string,
  messages: readonly Message[],
  maxLag: number,
): Promise<number> {
  let smallest = Infinity;
  let lag = 0;
  // Counted once the backlog first reached its cap: before, it is still being built.
  let full = false;
  for (let at = 0; at < messages.length;) {
    if (at > 0) {
      lag = await groupLag(admin, topic, groupId);
      if (full) smallest = Math.min(smallest, lag);
    }
    if (lag + SLICE > maxLag) {
      full = true;
      await sleep(POLL_MS);
      continue;
    }
    const slice = messages.slice(at, at + SLICE);
    await producer.send({ topic, messages: [...slice] });
    at += slice.length;
    lag += slice.length;
  }
  return smallest;
}
