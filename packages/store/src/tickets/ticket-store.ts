import { Cluster } from 'ioredis';
import type { RedisClient } from '../redis-client.js';
import type { CompactEvent } from '@slawatch/core';
import { chunked } from '../chunked.js';
import { getMany } from '../get-many.js';
import type { Keys } from '../keys.js';
import { callVariadic, defineScripts, ScriptCode, type SlawatchCommands } from '../scripts.js';
import type { TicketRecord, TicketWrite } from './ticket-record.js';

/** The record's body after `<version>|` (see lua/save-tickets-1.lua). */
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

  // All in one round trip (get-many.ts): on a cluster each ticket is a slot of its own.
  async load(ticketIds: readonly string[]): Promise<Map<string, TicketRecord>> {
    const texts = await getMany(
      this.redis,
      ticketIds.map((id) => this.keys.ticket(id)),
    );
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
    const replies =
      this.redis instanceof Cluster ? await this.saveEach(writes) : await this.saveAll(writes);
    const conflicts = writes
      .filter((_, i) => replies[i] === ScriptCode.VersionConflict)
      .map((w) => w.ticketId);
    return { conflicts };
  }

  // On a cluster each record is a slot of its own: the same script once per record, which
  // the client groups by node.
  private async saveEach(writes: readonly TicketWrite[]): Promise<number[]> {
    const replies = await Promise.all(
      writes.map((w) =>
        this.redis.saveTicketV2(this.keys.ticket(w.ticketId), w.readVersion, bodyOf(w), w.ttlMs),
      ),
    );
    return replies.map(([version]) => version!);
  }

  // On one Redis, scripts of up to SAVE_RECORDS records (lua/save-tickets-1.lua): a call
  // per record was a fifth of the commands the tracker sent (bench:pipeline, issue 18).
  private async saveAll(writes: readonly TicketWrite[]): Promise<number[]> {
    const calls = chunked(writes, SAVE_RECORDS).map((part) => {
      const keysAndArgs: (string | number)[] = part.map((w) => this.keys.ticket(w.ticketId));
      for (const w of part) keysAndArgs.push(w.readVersion, bodyOf(w), w.ttlMs);
      return callVariadic<number[]>(this.redis, 'saveTicketsV1', part.length, keysAndArgs);
    });
    return (await Promise.all(calls)).flat();
  }
}

/** Records one script saves at most: Redis is busy with it for a few ms. */
const SAVE_RECORDS = 500;

const bodyOf = (w: TicketWrite): string => {
  const body: Readonly<RecordBody> = [w.next, w.marks as string[], w.history as CompactEvent[]];
  return JSON.stringify(body);
};
