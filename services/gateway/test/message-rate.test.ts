import { describe, expect, it } from 'vitest';
import { MessageRate } from '../src/live/message-rate.js';

describe("a live client's message rate", () => {
  it('allows a burst, then one message per 1/perSecond, and counts refusals until the bucket is full again', () => {
    const rate = new MessageRate(10, 3, 0);
    expect([rate.take(0), rate.take(0), rate.take(0), rate.take(0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(rate.take(50)).toBe(false);
    expect(rate.refused).toBe(2);
    // 100 ms at 10 a second: one more.
    expect(rate.take(150)).toBe(true);
    expect(rate.refused).toBe(2);
    // Quiet for the whole bucket's refill: the refusals are forgiven.
    expect(rate.take(1_000)).toBe(true);
    expect(rate.refused).toBe(0);
  });
});
