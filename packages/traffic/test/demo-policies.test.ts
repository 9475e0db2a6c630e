import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolicyDocument, simulate, type SimulationInput } from '@slawatch/core';
import { SupportFloor } from '../src/index.js';

const MINUTE = 60_000;
const text = readFileSync(new URL('../demo-policies.yaml', import.meta.url), 'utf8');
const loaded = parsePolicyDocument(text);

describe('the demo policies', () => {
  it('are a valid policy document with nothing that needs a secret', () => {
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
    expect(text).not.toMatch(/^alerting:/m);
  });

  it.each([
    ['a weekday morning', '2026-11-24T09:00:00Z'],
    ['a weekday evening', '2026-11-24T19:30:00Z'],
    ['a Sunday night', '2026-11-29T02:00:00Z'],
  ])('show breaches and at-risk clocks within minutes of %s', (_, when) => {
    if (!loaded.ok) throw new Error('invalid demo policies');
    const start = Date.parse(when);
    const floor = new SupportFloor({ seed: 11, start, rate: 5 });
    const inputs: SimulationInput[] = floor.advance(start + 60 * MINUTE).map((d) => ({
      value: d.event,
    }));
    const clocksAt = (minutes: number) => {
      const result = simulate(inputs, loaded.policySet, start + minutes * MINUTE);
      expect(result.rejected).toEqual([]);
      return result.tickets.flatMap((t) => t.clocks);
    };
    const first = clocksAt(1);
    expect(first.filter((c) => c.state === 'breached').length).toBeGreaterThan(0);
    expect(first.filter((c) => c.atRisk !== null).length).toBeGreaterThan(0);
    // Not only the backlog: new breaches keep coming as the floor runs.
    const fresh = clocksAt(10).filter(
      (c) => c.breachedAt !== null && Date.parse(c.breachedAt) > start,
    );
    expect(fresh.length).toBeGreaterThan(0);
  });
});
