import type { AlertTransition } from '@slawatch/core';

interface Waiting {
  readonly at: number;
  readonly waiters: { resolve(t: AlertTransition[]): void; reject(e: unknown): void }[];
}

/**
 * Gathers the timers that fire together (a burst of deadlines in the same second) into
 * one check of all their tickets: one Redis round trip per step for the whole group
 * instead of one per timer. Each job still learns the outcome for its own ticket.
 */
export class TimerBatcher {
  private pending = new Map<string, Waiting>();
  private scheduled = false;

  constructor(
    private readonly check: (
      ticketIds: readonly string[],
      latestAt: number,
    ) => Promise<readonly AlertTransition[]>,
  ) {}

  /** Re-checks `ticketId` as of its timer instant `at` (or later); resolves with its transitions. */
  fire(ticketId: string, at: number): Promise<AlertTransition[]> {
    return new Promise((resolve, reject) => {
      const entry = this.pending.get(ticketId);
      const waiters = [...(entry?.waiters ?? []), { resolve, reject }];
      this.pending.set(ticketId, { at: Math.max(at, entry?.at ?? at), waiters });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    const latestAt = Math.max(...[...batch.values()].map((w) => w.at));
    try {
      const transitions = await this.check([...batch.keys()], latestAt);
      for (const [ticketId, w] of batch) {
        const mine = transitions.filter((t) => t.ticketId === ticketId);
        for (const waiter of w.waiters) waiter.resolve(mine);
      }
    } catch (error) {
      for (const w of batch.values()) for (const waiter of w.waiters) waiter.reject(error);
    }
  }
}
