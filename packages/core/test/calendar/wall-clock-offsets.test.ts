import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { WallClock } from '../../src/calendar/wall-clock.js';

const ZONES = Intl.supportedValuesOf('timeZone');
const YEAR = 365.2425 * 86_400_000;

// Mostly 1850-2150, where zones change; also anywhere in the `Date` range (local mean
// times with seconds, far-future rules).
const instant = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -120 * YEAR, max: 180 * YEAR }) },
  { weight: 1, arbitrary: fc.integer({ min: -8.64e15 + 2 * YEAR, max: 8.64e15 - 2 * YEAR }) },
);

describe('UTC offsets read from the ICU zone name', () => {
  it("equal luxon's offsets, to the millisecond, in every zone", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(instant, { minLength: 20, maxLength: 20 }),
        (zone, instants) => {
          const clock = new WallClock(zone);
          const luxon = IANAZone.create(zone);
          for (const at of instants)
            expect(clock.offsetAt(at), `${zone} ${new Date(at).toISOString()}`).toBe(
              Math.round(luxon.offset(at) * 60_000),
            );
        },
      ),
      { numRuns: 400 },
    );
  });
});
