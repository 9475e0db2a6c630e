import type { Redis } from 'ioredis';
import type { CompactEvent } from '@slawatch/core';
import type { Keys } from '../keys.js';
import { defineScripts, ScriptCode, type SlawatchCommands } from '../scripts.js';
import type { TicketRecord, TicketWrite } from './ticket-record.js';

/** The record's body after `<version>|` (see lua/save-ticket-1.lua). */
type RecordBody = [next: number | null, marks: string[], history: CompactEvent[]];

function parseRecord(ticketId: string, text: string | null): TicketRecord {
  if (text === null) return { ticketId, version: 0, history: [], marks: [], next: null };
  const bar = text.indexOf('|');
  const [next, marks, history] = JSON.parse(text.slice(bar + 1)) as RecordBody;
  return { ticketId, version: Number(text.slice(0, bar)), history, marks, next };
}

/**
 * Ticket records in Redis. Reads and writes of a whole batch of tickets take one round
 * trip each (a pipeline); writes are compare-and-set on the record's version, so a
 * concurrent writer is detected, never overwritten.
 */
export class TicketStore {
  private readonly redis: Redis & SlawatchCommands;

  constructor(
    redis: Redis,
    private readonly keys: Keys,
  ) {
    this.redis = defineScripts(redis);
  }

  async load(ticketIds: readonly string[]): Promise<Map<string, TicketRecord>> {
    const pipeline = this.redis.pipeline();
    for (const id of ticketIds) pipeline.get(this.keys.ticket(id));
    const replies = (await pipeline.exec()) ?? [];
    const out = new Map<string, TicketRecord>();
    ticketIds.forEach((ticketId, i) => {
      const [error, value] = replies[i] ?? [new Error('no reply')];
      if (error) throw error;
      out.set(ticketId, parseRecord(ticketId, value as string | null));
    });
    return out;
  }

  async loadOne(ticketId: string): Promise<TicketRecord> {
    return (await this.load([ticketId])).get(ticketId)!;
  }

  /** Writes every record whose version is unchanged; returns the ids that conflicted. */
  async save(writes: readonly TicketWrite[]): Promise<{ conflicts: string[] }> {
    if (writes.length === 0) return { conflicts: [] };
    const pipeline = this.redis.pipeline() as unknown as SlawatchCommands & {
      exec(): Promise<[Error | null, unknown][] | null>;
    };
    for (const w of writes) {
      const body: Readonly<RecordBody> = [w.next, w.marks as string[], w.history as CompactEvent[]];
      void pipeline.saveTicketV1(
        this.keys.ticket(w.ticketId),
        w.readVersion,
        JSON.stringify(body),
        w.ttlMs,
      );
    }
    const replies = (await pipeline.exec()) ?? [];
    const conflicts: string[] = [];
    writes.forEach((w, i) => {
      const [error, value] = replies[i] ?? [new Error('no reply')];
      if (error) throw error;
      if (value === ScriptCode.VersionConflict) conflicts.push(w.ticketId);
    });
    return { conflicts };
  }
}
