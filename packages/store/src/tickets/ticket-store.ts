import type { RedisClient } from '../redis-client.js';
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
  private readonly redis: RedisClient & SlawatchCommands;

  constructor(
    redis: RedisClient,
    private readonly keys: Keys,
  ) {
    this.redis = defineScripts(redis);
  }

  // One command per ticket, sent together rather than in a pipeline: each ticket is a slot
  // of its own, and on a cluster the client groups the commands by node itself.
  async load(ticketIds: readonly string[]): Promise<Map<string, TicketRecord>> {
    const texts = await Promise.all(ticketIds.map((id) => this.redis.get(this.keys.ticket(id))));
    const out = new Map<string, TicketRecord>();
    ticketIds.forEach((ticketId, i) => out.set(ticketId, parseRecord(ticketId, texts[i] ?? null)));
    return out;
  }

  async loadOne(ticketId: string): Promise<TicketRecord> {
    return (await this.load([ticketId])).get(ticketId)!;
  }

  /** Writes every record whose version is unchanged; returns the ids that conflicted. */
  async save(writes: readonly TicketWrite[]): Promise<{ conflicts: string[] }> {
    if (writes.length === 0) return { conflicts: [] };
    const replies = await Promise.all(
      writes.map((w) => {
        const body: Readonly<RecordBody> = [
          w.next,
          w.marks as string[],
          w.history as CompactEvent[],
        ];
        const key = this.keys.ticket(w.ticketId);
        return this.redis.saveTicketV1(key, w.readVersion, JSON.stringify(body), w.ttlMs);
      }),
    );
    const conflicts = writes
      .filter((_, i) => replies[i] === ScriptCode.VersionConflict)
      .map((w) => w.ticketId);
    return { conflicts };
  }
}
