import type { Priority } from '@slawatch/core';
import { PRIORITY_ORDER } from './floor-profile.js';

/**
 * A team's unassigned tickets: the most pressing priority first, oldest first within it.
 * Entries go stale (the ticket was reprioritised, deleted or taken elsewhere); the caller's
 * `isCurrent` says which are still meant, and stale ones are dropped on the way out.
 */
export class TeamQueue {
  private readonly lanes = new Map<Priority, { ids: string[]; head: number }>(
    PRIORITY_ORDER.map((p) => [p, { ids: [], head: 0 }]),
  );

  push(ticketId: string, priority: Priority): void {
    this.lanes.get(priority)!.ids.push(ticketId);
  }

  /** The next ticket to work on, or undefined when none waits. */
  pop(isCurrent: (ticketId: string, priority: Priority) => boolean): string | undefined {
    for (const priority of PRIORITY_ORDER) {
      const lane = this.lanes.get(priority)!;
      while (lane.head < lane.ids.length) {
        const id = lane.ids[lane.head++]!;
        if (lane.head > 1024 && lane.head * 2 > lane.ids.length) {
          lane.ids.splice(0, lane.head);
          lane.head = 0;
        }
        if (isCurrent(id, priority)) return id;
      }
    }
    return undefined;
  }
}
