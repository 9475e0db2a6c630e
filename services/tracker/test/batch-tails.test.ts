import { describe, expect, it } from 'vitest';
import { BatchTails } from '../src/batch-tails.js';

const later = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

describe('BatchTails', () => {
  it('runs the second parts one after the other, in the order started', async () => {
    const tails = new BatchTails();
    const order: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      await tails.settle();
      tails.start(
        async () => {
          order.push(`${name} start`);
          await later();
          order.push(`${name} end`);
        },
        () => undefined,
      );
    }
    await tails.settle();
    expect(order).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('fails every later batch once a part failed, so that none commits past it', async () => {
    const tails = new BatchTails();
    const seen: unknown[] = [];
    const failure = new Error('Redis is down');
    tails.start(
      () => Promise.reject(failure),
      (error) => seen.push(error),
    );
    await tails.idle();
    expect(seen).toEqual([failure]);
    expect(() => tails.check()).toThrow('Redis is down');
    await expect(tails.settle()).rejects.toBe(failure);
    expect(() => tails.check()).toThrow('Redis is down');
  });
});
