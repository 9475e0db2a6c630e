import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { slotOf } from '@slawatch/store';
import { keyFamily } from './key-family.js';

/** Calls counted for one key family, or one slot. */
export interface CensusCount {
  calls: number;
  readonly bySlot: Map<number, number>;
  readonly byFamily: Map<string, number>;
  readonly byPort: Map<number, number>;
}

/** What the masters executed while MONITORed, by key family and by slot. */
export interface KeyCensus {
  readonly ms: number;
  /** Commands with a key (direct, or run by a script), by family. */
  readonly families: Map<string, CensusCount>;
  readonly slots: Map<number, CensusCount>;
  /** The EVALSHA/EVAL calls themselves: their commands are counted under their keys. */
  readonly scriptCalls: number;
  /** Commands without a key (MULTI, EXEC, WAIT, CLUSTER…), by name. */
  readonly noKey: Map<string, number>;
  readonly keyed: number;
}

// Commands whose argument 1 is not a key (or that have none): counted by name, not family.
const NO_KEY = new Set([
  'multi',
  'exec',
  'discard',
  'wait',
  'ping',
  'cluster',
  'info',
  'readonly',
  'readwrite',
  'client',
  'script',
  'select',
  'hello',
  'command',
  'time',
  'config',
  'auth',
  'echo',
  'role',
]);
const SCRIPT = new Set(['evalsha', 'eval', 'evalsha_ro', 'eval_ro', 'fcall', 'fcall_ro']);

const count = (): CensusCount => ({
  calls: 0,
  bySlot: new Map(),
  byFamily: new Map(),
  byPort: new Map(),
});
const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * MONITORs every master for `ms` and counts what they execute, by the family of each
 * command's key (key-family.ts) and by its slot. A script's commands show in MONITOR one
 * by one (source `lua`), so they are counted under their own keys and the EVALSHA that ran
 * them only as a script call. MONITOR costs each master a formatted line per command: the
 * benchmark keeps this window out of its throughput and per-event figures.
 */
export async function takeKeyCensus(
  masters: readonly { readonly host: string; readonly port: number }[],
  prefix: string,
  ms: number,
): Promise<KeyCensus> {
  const census = {
    ms,
    families: new Map<string, CensusCount>(),
    slots: new Map<number, CensusCount>(),
    scriptCalls: 0,
    noKey: new Map<string, number>(),
    keyed: 0,
  };
  const record = (port: number, args: readonly string[]) => {
    const name = args[0]?.toLowerCase();
    if (name === undefined || name === 'monitor') return;
    if (SCRIPT.has(name)) {
      census.scriptCalls += 1;
      return;
    }
    const key = args[1];
    if (NO_KEY.has(name) || key === undefined) {
      bump(census.noKey, name.toUpperCase());
      return;
    }
    const family = keyFamily(key, prefix);
    const slot = slotOf(key);
    const f = census.families.get(family) ?? count();
    census.families.set(family, f);
    const s = census.slots.get(slot) ?? count();
    census.slots.set(slot, s);
    f.calls += 1;
    s.calls += 1;
    bump(f.bySlot, slot);
    bump(f.byPort, port);
    bump(s.byFamily, family);
    bump(s.byPort, port);
    census.keyed += 1;
  };
  const clients = masters.map(
    ({ host, port }) => new Redis({ host, port, lazyConnect: true, maxRetriesPerRequest: 1 }),
  );
  try {
    await Promise.all(clients.map((c) => c.connect()));
    const monitors = await Promise.all(clients.map((c) => c.monitor()));
    monitors.forEach((monitor, i) =>
      monitor.on('monitor', (_time: string, args: string[]) => record(masters[i]!.port, args)),
    );
    await sleep(ms);
    monitors.forEach((monitor) => monitor.disconnect());
  } finally {
    clients.forEach((c) => c.disconnect());
  }
  return census;
}
