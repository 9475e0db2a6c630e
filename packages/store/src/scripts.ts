import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

const lua = (name: string) =>
  readFileSync(new URL(`../src/lua/${name}.lua`, import.meta.url), 'utf8');

/** Codes the Lua scripts return; `scriptError` turns them into typed errors. */
export enum ScriptCode {
  VersionConflict = -1,
}

export interface SlawatchCommands {
  saveTicketV1(
    key: string,
    version: number,
    history: string,
    marks: string,
    next: string,
    ttlMs: number,
  ): Promise<number>;
}

/**
 * Registers the scripts on a connection under `name` + version, so that two versions of
 * the services can share one Redis during a rolling deploy.
 */
export function defineScripts(redis: Redis): Redis & SlawatchCommands {
  if (!('saveTicketV1' in redis))
    redis.defineCommand('saveTicketV1', { numberOfKeys: 1, lua: lua('save-ticket-1') });
  return redis as Redis & SlawatchCommands;
}
