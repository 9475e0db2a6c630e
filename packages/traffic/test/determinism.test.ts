import { describe, expect, it } from 'vitest';
import { SupportFloor } from '../src/index.js';

const start = Date.parse('2026-11-24T09:30:00Z');
const MINUTE = 60_000;

/** Everything a floor delivers up to `until`, advancing in steps of `step` ms. */
function run(options: { seed: number; rate?: number }, until: number, step: number): string[] {
  const floor = new SupportFloor({ start, rate: options.rate ?? 5, seed: options.seed });
  const out: string[] = [];
  for (let t = start; t <= until; t += step)
    for (const d of floor.advance(t))
      out.push(`${d.deliverAt} ${d.key} ${JSON.stringify(d.event)}`);
  return out;
}

describe('a simulated support floor', () => {
  it('replays the same events from the same seed', () => {
    const a = run({ seed: 42 }, start + 20 * MINUTE, MINUTE);
    const b = run({ seed: 42 }, start + 20 * MINUTE, MINUTE);
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toEqual(a);
  });

  it('delivers the same events whether advanced in one step or in many', () => {
    const oneStep = run({ seed: 7 }, start + 15 * MINUTE, 15 * MINUTE);
    const manySteps = run({ seed: 7 }, start + 15 * MINUTE, 1_000);
    expect(manySteps).toEqual(oneStep);
  });

  it('tells seeds apart', () => {
    expect(run({ seed: 1 }, start + 5 * MINUTE, MINUTE)).not.toEqual(
      run({ seed: 2 }, start + 5 * MINUTE, MINUTE),
    );
  });

  it('never delivers before the start, nor an event before its time', () => {
    const floor = new SupportFloor({ start, rate: 5, seed: 3 });
    expect(floor.advance(start - MINUTE)).toEqual([]);
    for (let t = start; t <= start + 10 * MINUTE; t += 10_000)
      for (const d of floor.advance(t)) {
        expect(d.deliverAt).toBeLessThanOrEqual(t);
        expect(d.deliverAt).toBeGreaterThanOrEqual(Math.min(Date.parse(d.event.time), t));
        expect(d.deliverAt).toBeGreaterThanOrEqual(start);
      }
  });

  it('names its source after the seed and keys every message by its ticket', () => {
    const floor = new SupportFloor({ start, rate: 5, seed: 9 });
    const deliveries = floor.advance(start + 5 * MINUTE);
    expect(floor.source).toBe('simulator/9');
    for (const d of deliveries) {
      expect(d.event.source).toBe('simulator/9');
      expect(d.key).toBe(d.event.subject);
    }
  });
});
