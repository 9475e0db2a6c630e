import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateEvent } from '@slawatch/core';
import { SupportFloor } from '../src/index.js';

const MINUTE = 60_000;

describe('the events of a simulated floor', () => {
  it('are all valid under the events contract, whatever the seed, start and rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.double({ min: 0.2, max: 10, noNaN: true }),
        fc.integer({ min: 0, max: 60 }),
        (seed, date, rate, backlog) => {
          const start = date.getTime();
          const floor = new SupportFloor({ seed, start, rate, backlog });
          for (const d of floor.advance(start + 10 * MINUTE)) {
            const result = validateEvent(JSON.parse(JSON.stringify(d.event)));
            if (!result.ok) throw new Error(`${JSON.stringify(d.event)}: ${result.reason}`);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('have ids unique per source, except the duplicate deliveries, which repeat one exactly', () => {
    const start = Date.parse('2026-11-24T14:00:00Z');
    const floor = new SupportFloor({ seed: 5, start, rate: 10 });
    const seen = new Map<string, string>();
    let duplicates = 0;
    for (const d of floor.advance(start + 30 * MINUTE)) {
      const json = JSON.stringify(d.event);
      const earlier = seen.get(d.event.id);
      if (d.duplicate) {
        duplicates++;
        expect(earlier).toBe(json);
      } else {
        expect(earlier).toBeUndefined();
        seen.set(d.event.id, json);
      }
    }
    expect(duplicates).toBeGreaterThan(0);
  });

  it('give each ticket strictly increasing event times, starting with its creation', () => {
    const start = Date.parse('2026-11-24T14:00:00Z');
    const floor = new SupportFloor({ seed: 6, start, rate: 10 });
    const byTicket = new Map<string, { type: string; time: number }[]>();
    // Late deliveries come at most minutes behind: by +40 min, all of the first 30 are in.
    for (const d of floor.advance(start + 40 * MINUTE)) {
      if (d.duplicate || Date.parse(d.event.time) > start + 30 * MINUTE) continue;
      const list = byTicket.get(d.key) ?? [];
      list.push({ type: d.event.type, time: Date.parse(d.event.time) });
      byTicket.set(d.key, list);
    }
    for (const events of byTicket.values()) {
      const sorted = [...events].sort((a, b) => a.time - b.time);
      expect(sorted[0]!.type).toBe('ticket.created');
      for (let i = 1; i < sorted.length; i++)
        expect(sorted[i]!.time).toBeGreaterThan(sorted[i - 1]!.time);
    }
  });
});
