import fc from 'fast-check';
import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { KeyPartitioner, murmur2 } from '@slawatch/kafka';

const metadata = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    partitionErrorCode: 0,
    partitionId: i,
    leader: 0,
    replicas: [0],
    isr: [0],
    offlineReplicas: [],
  }));

describe('the partitioner of slawatch producers', () => {
  it('picks the partition kafkajs and the Java client pick for every key', () => {
    const ours = KeyPartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
          fc.string({ unit: 'binary', maxLength: 100 }),
        ),
        fc.integer({ min: 1, max: 64 }),
        (key, partitions) => {
          const args = {
            topic: 't',
            partitionMetadata: metadata(partitions),
            message: { key, value: 'v' },
          };
          expect(ours(args)).toBe(theirs(args));
        },
      ),
      { numRuns: 2_000 },
    );
    // The Java client's murmur2 of "21" (Kafka's own DefaultPartitionerTest): -973932308.
    expect(murmur2(Buffer.from('21'))).toBe(-973_932_308);
  });

  it('hashes a 1 MB key within a second (kafkajs took minutes, stalling whoever produced it)', () => {
    const started = performance.now();
    murmur2(Buffer.alloc(1_048_576, 7));
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("keeps a message's own partition and spreads keyless messages over the partitions", () => {
    const partition = KeyPartitioner();
    const args = (message: { key?: string; partition?: number }) => ({
      topic: 'spread',
      partitionMetadata: metadata(4),
      message: { ...message, value: 'v' },
    });
    expect(partition(args({ key: 'k', partition: 3 }))).toBe(3);
    const seen = new Set(Array.from({ length: 8 }, () => partition(args({}))));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });
});
