import { afterAll, describe, expect, it } from 'vitest';
import { createKeys, ReplicationError, waitForReplicas } from '../src/index.js';
import { freshPrefix, STORE_TARGETS } from './store-targets.js';

describe('waiting for replicas before a batch counts as done', () => {
  const [single, cluster] = STORE_TARGETS.map((t) => t.connect());
  afterAll(async () => {
    await Promise.all([single!.quit(), cluster!.quit()]);
  });

  it('resolves once every master of the cluster has a replica holding the writes', async () => {
    const keys = createKeys(freshPrefix('wait'), 6);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => cluster!.set(keys.contribution(`T-${i}`), 'x')),
    );
    await expect(waitForReplicas(cluster!, 1, 2_000)).resolves.toBeUndefined();
  });

  it('fails, naming the masters, when fewer replicas than asked acknowledge in time', async () => {
    const error = await waitForReplicas(cluster!, 2, 50).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplicationError);
    expect((error as Error).message).toMatch(
      /fewer than 2 replica\(s\).*within 50 ms on 127\.0\.0\.1:\d+, /,
    );
    // One Redis without a replica: the same refusal, so the batch is retried, not committed.
    await expect(waitForReplicas(single!, 1, 50)).rejects.toThrow(ReplicationError);
  });

  it('does not wait at all when no replica is asked for', async () => {
    await expect(waitForReplicas(single!, 0, 50)).resolves.toBeUndefined();
  });
});
