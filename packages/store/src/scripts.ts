import { readFileSync } from 'node:fs';
import type { RedisClient } from './redis-client.js';

const lua = (name: string) =>
  readFileSync(new URL(`../src/lua/${name}.lua`, import.meta.url), 'utf8');

/** Codes the Lua scripts return besides their results. */
export enum ScriptCode {
  VersionConflict = -1,
}

export interface SlawatchCommands {
  /**
   * lua/save-tickets-1.lua for one record, its key declared: auto-pipelined, and grouped by
   * node on a cluster. Returns `[new version]`, or `[-1]`.
   */
  saveTicketV2(key: string, version: number, body: string, ttlMs: number): Promise<number[]>;
  /** See lua/save-tickets-1.lua (many records: one Redis): `keyCount`, the keys, then the arguments. */
  saveTicketsV1(keyCount: number, keysAndArgs: (string | number)[]): Promise<number[]>;
  /** `pairs` alternates ticket id and instant ('' to remove). */
  setTimersV1(key: string, ...pairs: string[]): Promise<string | null>;
  /** See lua/apply-metrics-3.lua: `keyCount`, the keys, then the arguments. */
  applyMetricsV3(keyCount: number, keysAndArgs: (string | number)[]): Promise<number[]>;
  /** See lua/admit-dimension-values-1.lua: `keyCount`, the keys, then the arguments. */
  admitDimensionValuesV1(keyCount: number, keysAndArgs: (string | number)[]): Promise<number[]>;
  /** See lua/claim-deliveries-1.lua, assign-deliveries-1.lua and record-deliveries-1.lua. */
  claimDeliveriesV1(keyCount: number, keysAndArgs: (string | number)[]): Promise<string[]>;
  assignDeliveriesV1(keyCount: number, keysAndArgs: (string | number)[]): Promise<number>;
  recordDeliveriesV1(keyCount: number, keysAndArgs: (string | number)[]): Promise<number>;
  renewLeaseV1(key: string, holder: string, ttlMs: number): Promise<number>;
  releaseLeaseV1(key: string, holder: string): Promise<number>;
}

/**
 * Registers the scripts on a connection under `name` + version, so that two versions of
 * the services can share one Redis during a rolling deploy.
 */
export function defineScripts(redis: RedisClient): RedisClient & SlawatchCommands {
  if (!('saveTicketV2' in redis)) {
    redis.defineCommand('saveTicketV2', { numberOfKeys: 1, lua: lua('save-tickets-1') });
    redis.defineCommand('saveTicketsV1', { lua: lua('save-tickets-1') });
    redis.defineCommand('setTimersV1', { numberOfKeys: 1, lua: lua('set-timers-1') });
    // The number of keys varies with the batch: passed first on every call.
    redis.defineCommand('applyMetricsV3', { lua: lua('apply-metrics-3') });
    redis.defineCommand('admitDimensionValuesV1', { lua: lua('admit-dimension-values-1') });
    redis.defineCommand('claimDeliveriesV1', { lua: lua('claim-deliveries-1') });
    redis.defineCommand('assignDeliveriesV1', { lua: lua('assign-deliveries-1') });
    redis.defineCommand('recordDeliveriesV1', { lua: lua('record-deliveries-1') });
    redis.defineCommand('renewLeaseV1', { numberOfKeys: 1, lua: lua('renew-lease-1') });
    redis.defineCommand('releaseLeaseV1', { numberOfKeys: 1, lua: lua('release-lease-1') });
  }
  return redis as RedisClient & SlawatchCommands;
}

type VariadicScript =
  | 'saveTicketsV1'
  | 'applyMetricsV3'
  | 'admitDimensionValuesV1'
  | 'claimDeliveriesV1'
  | 'assignDeliveriesV1'
  | 'recordDeliveriesV1';

/**
 * Calls a script whose key count varies (passed first), in a pipeline of its own. Auto-
 * pipelining would group the call by its first argument, the count, as if it were a key,
 * and on a cluster send it in a pipeline with commands of another node, which ioredis
 * refuses; a pipeline of one finds the node from the script's real keys.
 */
export async function callVariadic<T = number[]>(
  redis: RedisClient,
  script: VariadicScript,
  keyCount: number,
  keysAndArgs: (string | number | Buffer)[],
): Promise<T> {
  const pipeline = redis.pipeline() as unknown as Record<
    VariadicScript,
    (keyCount: number, keysAndArgs: (string | number | Buffer)[]) => void
  > & { exec(): Promise<[Error | null, unknown][] | null> };
  pipeline[script](keyCount, keysAndArgs);
  const [reply] = (await pipeline.exec()) ?? [];
  if (!reply) throw new Error(`${script}: no reply`);
  if (reply[0]) throw reply[0];
  return reply[1] as T;
}
