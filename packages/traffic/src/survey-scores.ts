import { MINUTE } from './floor-profile.js';
import type { SeededRandom } from './seeded-random.js';

// Customers who waited long for an agent rate lower: the scores move with the queue.
const patient = (longestWait: number) => longestWait < 5 * MINUTE;

/** A CSAT score, 1-5. */
export function csatScore(random: SeededRandom, longestWait: number): number {
  return Number(
    random.weighted(
      patient(longestWait)
        ? { 5: 50, 4: 30, 3: 10, 2: 5, 1: 5 }
        : { 5: 15, 4: 20, 3: 25, 2: 20, 1: 20 },
    ),
  );
}

/** An NPS score, 0-10. */
export function npsScore(random: SeededRandom, longestWait: number): number {
  return Number(
    random.weighted(
      patient(longestWait)
        ? { 10: 25, 9: 25, 8: 20, 7: 12, 6: 6, 5: 5, 4: 3, 3: 2, 2: 1, 1: 1, 0: 0 }
        : { 10: 8, 9: 10, 8: 14, 7: 14, 6: 14, 5: 12, 4: 10, 3: 7, 2: 5, 1: 3, 0: 3 },
    ),
  );
}
