import { describe, expect, it } from 'vitest';
import { ReadQueue, type ReleaseRead } from '../src/live/read-queue.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the live views read queue', () => {
  it('runs at most maxRunning reads, then the waiting ones in order as slots free', async () => {
    const queue = new ReadQueue(2, 10);
    const never = new AbortController().signal;
    const started: string[] = [];
    const releases = new Map<string, ReleaseRead>();
    for (const name of ['a', 'b', 'c', 'd'])
      void queue.acquire(null, never).then((release) => {
        started.push(name);
        releases.set(name, release!);
      });
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect(queue.queued).toBe(2);
    releases.get('a')!();
    releases.get('a')!(); // a second call frees nothing more
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    expect(queue.inFlight).toBe(2);
  });

  it("runs at most maxPerOwner of one owner's reads, letting another owner's pass", async () => {
    const queue = new ReadQueue(4, 1);
    const never = new AbortController().signal;
    const storm = {};
    const board = {};
    const started: string[] = [];
    const release: ReleaseRead[] = [];
    const take = (owner: object, name: string) =>
      void queue.acquire(owner, never).then((r) => {
        started.push(name);
        release.push(r!);
      });
    take(storm, 's1');
    take(storm, 's2');
    take(board, 'b1');
    await tick();
    expect(started).toEqual(['s1', 'b1']);
    release[0]!();
    await tick();
    expect(started).toEqual(['s1', 'b1', 's2']);
  });

  it('drops a waiting read whose view closed: it never runs and frees its place', async () => {
    const queue = new ReadQueue(1, 1);
    const first = await queue.acquire(null, new AbortController().signal);
    const replaced = new AbortController();
    const waiting = queue.acquire(null, replaced.signal);
    replaced.abort();
    expect(await waiting).toBeNull();
    expect(queue.dropped).toBe(1);
    expect(queue.queued).toBe(0);
    expect(await queue.acquire(null, AbortSignal.abort())).toBeNull();
    expect(queue.dropped).toBe(2);
    first!();
    expect(queue.inFlight).toBe(0);
  });
});
