import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createKeys, TicketStore, type Keys, type TicketWrite } from '../src/index.js';
import { freshPrefix, STORE_TARGETS } from './store-targets.js';

const write = (ticketId: string, readVersion: number, ttlMs = 0): TicketWrite => ({
  ticketId,
  readVersion,
  history: [[0, 1000, 1, 'k1', { priority: 'low', channel: 'web' }]],
  marks: ['firstResponse:1:breached'],
  next: 5000,
  ttlMs,
});

describe.each(STORE_TARGETS)('ticket records in Redis, on $name', (target) => {
  const redis = target.connect();
  let prefix: string;
  let keys: Keys;
  let store: TicketStore;
  beforeEach(() => {
    prefix = freshPrefix('store');
    keys = createKeys(prefix, target.lanes);
    store = new TicketStore(redis, keys);
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('round-trips a record and bumps its version', async () => {
    expect((await store.loadOne('T-1')).version).toBe(0);
    expect(await store.save([write('T-1', 0)])).toEqual({ conflicts: [] });
    expect(await store.loadOne('T-1')).toEqual({
      ticketId: 'T-1',
      version: 1,
      history: write('T-1', 0).history,
      marks: ['firstResponse:1:breached'],
      next: 5000,
    });
  });

  it('refuses a write made from a stale read, and says which ticket conflicted', async () => {
    await store.save([write('T-2', 0)]);
    expect(await store.save([write('T-2', 0), write('T-3', 0)])).toEqual({ conflicts: ['T-2'] });
    expect((await store.loadOne('T-2')).version).toBe(1);
    expect((await store.loadOne('T-3')).version).toBe(1);
  });

  it('expires finished tickets after the retention and keeps open ones', async () => {
    await store.save([write('OPEN', 0), write('DONE', 0, 60_000)]);
    expect(await redis.pttl(keys.ticket('OPEN'))).toBe(-1);
    const ttl = await redis.pttl(keys.ticket('DONE'));
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    // Reopened (written without a TTL): kept again.
    await store.save([write('DONE', 1)]);
    expect(await redis.pttl(keys.ticket('DONE'))).toBe(-1);
  });

  it('saves and reads a batch larger than one command takes, in order, conflicts named', async () => {
    // More records than one save script (500) and one MGET (1,000) take, so that the
    // batch is cut into several on one Redis; one stale write in a later part.
    const ids = Array.from({ length: 1_203 }, (_, i) => `B-${i}`);
    await store.save([write('B-1100', 0)]);
    const { conflicts } = await store.save(ids.map((id) => write(id, 0)));
    expect(conflicts).toEqual(['B-1100']);
    const read = await store.load([...ids].reverse());
    expect([...read.keys()]).toEqual([...ids].reverse());
    expect(ids.every((id) => read.get(id)!.version === 1)).toBe(true);
    const again = ids.map((id) => write(id, 1));
    expect(await store.save(again)).toEqual({ conflicts: [] });
    expect((await store.loadOne('B-1202')).version).toBe(2);
  });

  it('keeps each ticket in its own Redis Cluster slot via a hash tag', () => {
    expect(keys.ticket('T-9')).toBe(`${prefix}:t:{T-9}`);
    expect(keys.queuePrefix).toMatch(/^\{.*\}$/);
  });
});
