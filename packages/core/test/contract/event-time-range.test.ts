import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../src/index.js';
import { ev } from '../support/events.js';

const created = (time: string) =>
  validateEvent(ev('T-1', time, 'ticket.created', { priority: 'high', channel: 'email' }));

describe('the accepted event-time range', () => {
  it('rejects events dated 0001, 1626 and 9999, naming the range', () => {
    for (const time of ['0001-01-01T00:00:00Z', '1626-05-04T10:00:00Z', '9999-12-31T23:59:59Z']) {
      const result = created(time);
      expect(result.ok, time).toBe(false);
      if (result.ok) continue;
      expect(result.reason).toBe(
        `time: must be from 2000-01-01T00:00:00Z up to (not including) 2100-01-01T00:00:00Z, got "${time}"`,
      );
    }
  });

  it('accepts both ends of the range and rejects the instant just outside each', () => {
    expect(created('2000-01-01T00:00:00Z').ok).toBe(true);
    expect(created('2099-12-31T23:59:59.999Z').ok).toBe(true);
    expect(created('1999-12-31T23:59:59.999Z').ok).toBe(false);
    expect(created('2100-01-01T00:00:00Z').ok).toBe(false);
    // The bound is an instant: an offset that moves a local 2100 date back into 2099 is in.
    expect(created('2100-01-01T00:30:00+01:00').ok).toBe(true);
  });
});
