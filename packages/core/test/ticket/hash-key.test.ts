import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base36, hashKey } from '../../src/ticket/compact-event.js';

describe('the hashed idempotency keys of stored histories', () => {
  it('keeps the keys records already hold (written with Number#toString(36))', () => {
    expect(hashKey('zendesk\u0000e-1')).toBe('axrll2j26g');
    expect(hashKey('src\u0000event-0')).toBe('1pp3fvujv86');
    expect(hashKey('')).toBe('18q9bdjkryr');
    expect(hashKey('helpdesk-eu\u0000evt-123456789')).toBe('9zbriho7d8');
  });

  it('writes every integer below 2^53 in base 36 as Number#toString(36) does', () => {
    for (const n of [0, 1, 35, 36, 36 ** 10 - 1, 36 ** 10, 2 ** 32, 2 ** 52, 2 ** 53 - 1])
      expect(base36(n)).toBe(n.toString(36));
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => base36(n) === n.toString(36)),
      { numRuns: 20_000 },
    );
  });
});
