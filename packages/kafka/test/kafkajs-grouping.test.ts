import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// kafkajs groups a send's messages by partition before producing them. Its own grouping
// copied each partition's list for every message, O(n^2) for a send of n (tulios/kafkajs
// #1576); patches/kafkajs+2.2.4.patch makes it one pass. These check the patched module is
// the one installed, and that it groups exactly as kafkajs did.
const require = createRequire(import.meta.url);
const path = require.resolve('kafkajs/src/producer/groupMessagesPerPartition.js');
const group = require(path) as (args: {
  topic: string;
  partitionMetadata: readonly { partitionId: number }[];
  messages: readonly { key: string; value: string }[];
  partitioner: (args: { message: { key: string } }) => number;
}) => Record<string, { key: string; value: string }[]>;

const partitionMetadata = [0, 1, 2].map((partitionId) => ({ partitionId }));
const byKey = ({ message }: { message: { key: string } }) => Number(message.key) % 3;

describe('kafkajs grouping of messages by partition (patched)', () => {
  it('is the patched one-pass grouping (npm ci applies patches/ through patch-package)', () => {
    expect(readFileSync(path, 'utf8')).toContain('Patched by slawatch');
  });

  it('puts every message in its partition, in the order of the send', () => {
    const messages = Array.from({ length: 10_000 }, (_, i) => ({ key: String(i), value: `m${i}` }));
    const grouped = group({ topic: 't', partitionMetadata, messages, partitioner: byKey });
    expect(Object.keys(grouped).sort()).toEqual(['0', '1', '2']);
    for (const p of [0, 1, 2])
      expect(grouped[String(p)]).toEqual(messages.filter((_, i) => i % 3 === p));
  });

  it('gives no partitions for a topic without metadata, like kafkajs', () => {
    const messages = [{ key: '1', value: 'm' }];
    expect(group({ topic: 't', partitionMetadata: [], messages, partitioner: byKey })).toEqual({});
  });
});
