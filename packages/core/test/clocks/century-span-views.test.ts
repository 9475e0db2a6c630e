import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { ev } from '../support/events.js';
import { testPolicies } from '../support/test-policies.js';

describe('ticket views over the widest accepted span', () => {
  it('measures business-hours clocks from 2000 to 2099 within a second for ten tickets', () => {
    // Each view measures spent time and deadlines across the century on the Berlin office
    // calendar: the path a GET of such a ticket takes too.
    const events = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'].flatMap((id, i) => [
      ev(id, `2000-01-${String(i + 3).padStart(2, '0')}T10:00:00Z`, 'ticket.created', {
        priority: 'high',
        channel: 'email',
      }),
      ev(id, '2000-01-10T10:00:00Z', 'ticket.status_changed', { status: 'pending' }),
      ev(id, '2099-12-30T10:00:00Z', 'ticket.status_changed', { status: 'open' }),
    ]);
    const began = performance.now();
    const result = simulate(
      events.map((value) => ({ value })),
      testPolicies,
      Date.parse('2099-12-31T12:00:00Z'),
    );
    expect(performance.now() - began).toBeLessThan(1_000);
    expect(result.rejected).toEqual([]);
    expect(result.tickets).toHaveLength(10);
    for (const ticket of result.tickets) {
      expect(ticket.clocks.find((c) => c.kind === 'resolution')?.state).toBe('breached');
    }
  });
});
