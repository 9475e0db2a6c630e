import type { CompactEvent } from '@slawatch/core';

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
export interface TicketWrite {
  readonly ticketId: string;
  readonly readVersion: number;
  readonly history: readonly CompactEvent[];
  readonly marks: readonly string[];
  readonly next: number | null;
  /** 0 keeps the record; otherwise it expires after this many ms (finished tickets). */
  readonly ttlMs: number;
}
