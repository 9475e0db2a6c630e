import { describe, expect, it } from 'vitest';
import { readIntervalMs } from '../src/live/read-pacing.js';

const pacing = { minIntervalMs: 50, maxIntervalMs: 500 };

describe("the live views' read pacing", () => {
  it('is the shortest interval while the gateway is idle and reads are cheap', () => {
    expect(readIntervalMs(pacing, 0, 2)).toBe(50);
    expect(readIntervalMs(pacing, 0.2, 5)).toBe(50);
  });

  it('grows with the gateway’s load up to the longest interval', () => {
    const half = readIntervalMs(pacing, 0.45, 2);
    expect(half).toBeGreaterThan(50);
    expect(half).toBeLessThan(500);
    expect(readIntervalMs(pacing, 0.7, 2)).toBe(500);
    expect(readIntervalMs(pacing, 1, 2)).toBe(500);
  });

  it('spaces the reads of a costly view, up to the longest interval', () => {
    expect(readIntervalMs(pacing, 0, 40)).toBe(160);
    expect(readIntervalMs(pacing, 0, 1_000)).toBe(500);
  });

  it('is fixed when the longest interval is below the shortest (minIntervalMs set alone)', () => {
    const fixed = { minIntervalMs: 800, maxIntervalMs: 500 };
    expect(readIntervalMs(fixed, 0, 2)).toBe(800);
    expect(readIntervalMs(fixed, 1, 1_000)).toBe(800);
  });
});
