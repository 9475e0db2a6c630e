import { describe, expect, it } from 'vitest';
import { backoffDelay, FIRST_RETRY_MS, MAX_RETRY_MS } from '../src/live/backoff-delay';
import { DEFAULT_STALE_AFTER_MS, HeartbeatWatch } from '../src/live/heartbeat-watch';

describe('backoffDelay', () => {
  it('starts under a second and doubles', () => {
    expect(backoffDelay(0, 0)).toBeGreaterThanOrEqual(500);
    expect(backoffDelay(0, 0.999)).toBeLessThanOrEqual(1000);
    expect(backoffDelay(1, 0.5)).toBe(2 * FIRST_RETRY_MS);
    expect(backoffDelay(2, 0.5)).toBe(4 * FIRST_RETRY_MS);
  });

  it('never waits more than ten seconds', () => {
    for (const attempt of [5, 10, 100, 10_000])
      expect(backoffDelay(attempt, 0.999)).toBeLessThanOrEqual(MAX_RETRY_MS);
    expect(backoffDelay(100, 0)).toBeGreaterThanOrEqual(MAX_RETRY_MS * 0.75);
  });
});

describe('HeartbeatWatch', () => {
  it('calls silence stale after 35 s until the server has shown its pace', () => {
    const watch = new HeartbeatWatch(0);
    expect(watch.isStale(DEFAULT_STALE_AFTER_MS)).toBe(false);
    expect(watch.isStale(DEFAULT_STALE_AFTER_MS + 1)).toBe(true);
  });

  it('then after twice the observed heartbeat interval', () => {
    const watch = new HeartbeatWatch(0);
    watch.heartbeat(1_000);
    watch.heartbeat(6_000);
    expect(watch.heartbeatIntervalMs).toBe(5_000);
    expect(watch.isStale(16_000)).toBe(false);
    expect(watch.isStale(16_001)).toBe(true);
    expect(watch.shouldGiveUp(21_001)).toBe(true);
  });

  it('counts any message as word from the server', () => {
    const watch = new HeartbeatWatch(0);
    watch.heard(30_000);
    expect(watch.isStale(60_000)).toBe(false);
    expect(watch.silenceMs(60_000)).toBe(30_000);
  });

  it('keeps the shortest interval, since a late heartbeat says nothing of the pace', () => {
    const watch = new HeartbeatWatch(0);
    watch.heartbeat(0);
    watch.heartbeat(5_000);
    watch.heartbeat(20_000);
    expect(watch.heartbeatIntervalMs).toBe(5_000);
  });

  it('ignores heartbeats flushed together, which say nothing of the pace', () => {
    const watch = new HeartbeatWatch(0);
    watch.heartbeat(15_000);
    watch.heartbeat(15_010);
    expect(watch.heartbeatIntervalMs).toBeNull();
  });
});
