import { afterAll, describe, expect, it } from 'vitest';
import { SortedSetWrites } from '../src/live/sorted-set-writes.js';
import { freshPrefix, STORE_TARGETS } from './store-targets.js';

describe.each(STORE_TARGETS)("a batch's sorted set changes, on $name", (target) => {
  const redis = target.connect();
  afterAll(async () => {
    await redis.quit();
  });

  it("keeps each member's last change, as the changes one by one would", async () => {
    const prefix = freshPrefix('zset');
    const a = `{${prefix}}:a`;
    const b = `{${prefix}}:b`;
    await redis.zadd(a, 1, 'stays', 2, 'leaves');
    const w = new SortedSetWrites();
    w.add(a, 'new', 10);
    w.add(a, 'added then removed', 11);
    w.remove(a, 'added then removed');
    w.remove(a, 'leaves');
    w.remove(b, 'removed then added');
    w.add(b, 'removed then added', 12);
    w.add(b, 'moved', 1);
    w.add(b, 'moved', 13);
    await Promise.all(w.send(redis));
    expect(await redis.zrange(a, 0, -1, 'WITHSCORES')).toEqual(['stays', '1', 'new', '10']);
    expect(await redis.zrange(b, 0, -1, 'WITHSCORES')).toEqual([
      'removed then added',
      '12',
      'moved',
      '13',
    ]);
  });

  it('sends more members than one command takes', async () => {
    const key = `{${freshPrefix('zset')}}:many`;
    const w = new SortedSetWrites();
    for (let i = 0; i < 2_500; i++) w.add(key, `m${i}`, i);
    await Promise.all(w.send(redis));
    expect(await redis.zcard(key)).toBe(2_500);
    const gone = new SortedSetWrites();
    for (let i = 0; i < 2_400; i++) gone.remove(key, `m${i}`);
    await Promise.all(gone.send(redis));
    expect(await redis.zrange(key, 0, 2)).toEqual(['m2400', 'm2401', 'm2402']);
  });
});
