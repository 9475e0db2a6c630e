import { MINUTE } from './floor-profile.js';
import type { SeededRandom } from './seeded-random.js';

/** Where a ticket of the starting backlog stands when the simulation starts. */
export type BacklogState =
  'unanswered' | 'in-progress' | 'follow-up' | 'pending' | 'on-hold' | 'escalated';

/** The history of one backlog ticket before the start: every instant is before it. */
export interface BacklogStory {
  readonly state: BacklogState;
  readonly createdAt: number;
  /** Picked up and first answered (all but `unanswered`). */
  readonly assignedAt: number;
  readonly repliedAt: number;
  /** The customer wrote back, it was paused, or it was escalated. */
  readonly lastAt: number;
}

/**
 * The tickets already open when the floor starts: created over the two hours before
 * `start`, mostly recently. With targets of minutes, the oldest unanswered ones are past
 * their first-response target and others are close to it, so breaches and at-risk clocks
 * show at once.
 */
export function backlogStories(random: SeededRandom, start: number, count: number): BacklogStory[] {
  const stories: BacklogStory[] = [];
  for (let i = 0; i < count; i++) {
    const age = Math.round(MINUTE + 119 * MINUTE * random.next() ** 3);
    const createdAt = start - age;
    const assignedAt = createdAt + Math.round(age * random.next() * 0.25);
    const repliedAt = assignedAt + Math.round(age * (0.02 + random.next() * 0.2));
    const lastAt = repliedAt + Math.round(age * (0.02 + random.next() * 0.4));
    stories.push({
      state: random.weighted({
        unanswered: 35,
        'in-progress': 15,
        'follow-up': 20,
        pending: 17,
        'on-hold': 8,
        escalated: 5,
      }),
      createdAt,
      assignedAt,
      repliedAt,
      lastAt,
    });
  }
  return stories.sort((a, b) => a.createdAt - b.createdAt);
}
