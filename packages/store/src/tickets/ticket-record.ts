import type { CompactEvent, TicketSave } from '@slawatch/core';

/** A ticket's record as stored in Redis (see keys.ts, `ticket`). */
export interface TicketRecord {
  readonly ticketId: string;
  /** 0 when the ticket has no record yet. */
  readonly version: number;
  readonly history: CompactEvent[];
  readonly marks: string[];
  readonly next: number | null;
}

/** A record to write, with the version it was read at (optimistic concurrency). */
export type TicketWrite = TicketSave;
