import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from './support/pipeline.js';
import { event } from './support/events.js';
import { waitUntil } from './support/wait-until.js';

const POLICIES = 'policies:\n  - { id: all, targets: { firstResponse: 4h } }\n';
const HOUR = 3_600_000;

// tracker.ts, batch-tails.ts: a batch's metrics, live delta and commit run beside the next
// batch. When they cannot be written (retries spent), no later batch may commit past them.
describe('a batch whose metrics cannot be written', () => {
  let p: Pipeline | undefined;
  afterAll(async () => {
    await p?.stop();
  });

  it('is not committed past: the consumer is replaced and the batch replayed, nothing lost', async () => {
    // The first batch's metric write and its 5 retries fail; later writes go through.
    const pipeline = await startPipeline('unfinished', POLICIES, {
      alerter: false,
      failedMetricWrites: 6,
    });
    p = pipeline;
    const created = (ids: string[]) =>
      ids.map((id) => event(id, Date.now(), 'ticket.created', { priority: 'low', channel: 'web' }));
    const first = Array.from({ length: 10 }, (_, i) => `U-${i}`);
    const second = Array.from({ length: 10 }, (_, i) => `V-${i}`);
    await pipeline.produce(created(first), () => 'k');
    // Its records are saved whatever becomes of its metrics.
    await waitUntil(
      async () => (await pipeline.store.loadOne('U-9')).version > 0,
      20_000,
      'the first batch saved',
    );
    await sleep(1_000); // the retries (10 ms, doubling) are spent
    await pipeline.produce(created(second), () => 'k');
    const createdNow = async () =>
      (await pipeline.metrics.query({ windowMs: HOUR, dimension: 'all' }, Date.now())).values['*']
        ?.volume.created ?? 0;
    await waitUntil(async () => (await createdNow()) === 20, 60_000, 'every ticket counted');
    expect(await createdNow()).toBe(20);
    for (const id of [...first, ...second])
      expect((await pipeline.store.loadOne(id)).history).toHaveLength(1);
  }, 90_000);
});
