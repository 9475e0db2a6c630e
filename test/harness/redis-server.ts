import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary } from './find-binary.js';
import { freePort } from './free-port.js';
import { LogTail } from './log-tail.js';
import { trackDir, untrackDir } from './process-registry.js';
import { waitForRedisPong } from './redis-ping.js';
import { spawnOwned } from './spawn-owned.js';
import { stopProcess } from './stop-process.js';
import { withTimeout } from './with-timeout.js';

/** How a private Redis keeps its data across `restart()`. */
export type RedisPersistence = 'none' | 'aof' | 'rdb';

/** Options for {@link startRedis}. */
export interface RedisServerOptions {
  /** `none` (default): memory only. `aof`: append-only file. `rdb`: snapshot on shutdown. */
  persistence?: RedisPersistence;
  /** Data dir to use and keep; by default a fresh temp dir, removed by `stop()`. */
  dir?: string;
  /** Extra `redis-server` arguments, after (so overriding) the harness defaults. */
  args?: string[];
  /** Environment for the PATH lookup and the child (tests pass an empty PATH). */
  env?: NodeJS.ProcessEnv;
  /** Program to run instead of `redis-server` from PATH. */
  binary?: string;
  /** How long to wait for the first `+PONG` (default 10 s). */
  startTimeoutMs?: number;
}

/** A running private `redis-server` owned by this process. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Pid of the current child; changes on `restart()`. */
  readonly pid: number;
  /** Its data dir. */
  readonly dir: string;
  /** Stops it (SIGTERM, SIGKILL after a grace period) and removes the dir if the harness made it. */
  stop(): Promise<void>;
  /** Stops it gracefully and starts it again on the same port and dir, as after a crash-free redeploy. */
  restart(): Promise<void>;
}

const host = '127.0.0.1';
const portAttempts = 5;
const redisPackages = ['redis-server', 'redis-tools'];

/**
 * Starts a private, non-daemonized `redis-server` on a free loopback port and resolves once
 * it answers PING. It runs with `hz 100` so blocked commands (and so BullMQ delayed jobs)
 * wake up within ~10 ms instead of ~100 ms.
 *
 * @throws MissingBinaryError if `redis-server` is not installed
 */
export async function startRedis(options: RedisServerOptions = {}): Promise<RedisServer> {
  const { persistence = 'none', env = process.env, startTimeoutMs = 10_000 } = options;
  const binary = findBinary(options.binary ?? 'redis-server', redisPackages, env);
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'slawatch-redis-')));
  if (ownsDir) trackDir(dir);

  const launch = async (port: number): Promise<ChildProcess> => {
    const settings: [string, string][] = [
      ['port', String(port)],
      ['bind', host],
      ['dir', dir],
      ['daemonize', 'no'],
      ['logfile', ''], // stdout, which we drain and keep the tail of
      ['loglevel', 'warning'],
      ['hz', '100'],
      // As docker-compose.yml runs it, so that the demo's services have nothing to advise.
      ['hash-max-listpack-entries', '1024'],
      ...persistenceSettings(persistence),
    ];
    const args = [
      ...settings.flatMap(([name, value]) => [`--${name}`, value]),
      ...(options.args ?? []),
    ];
    return launchRedis(binary, args, env, port, startTimeoutMs);
  };

  let port = 0;
  let child: ChildProcess | undefined;
  try {
    for (let attempt = 1; child === undefined; attempt++) {
      port = await freePort(host);
      try {
        child = await launch(port);
      } catch (error) {
        // Another process took the port between our probe and Redis' bind: pick another.
        if (!(error instanceof AddressInUseError) || attempt >= portAttempts) throw error;
      }
    }
  } catch (error) {
    if (ownsDir) await removeDir(dir);
    throw error;
  }

  let current: ChildProcess = child;
  let stopped = false;
  return {
    url: `redis://${host}:${port}`,
    host,
    port,
    dir,
    get pid() {
      return current.pid ?? -1;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopProcess(current, { graceMs: 10_000 });
      if (ownsDir) await removeDir(dir);
    },
    async restart() {
      if (stopped) throw new Error('restart() after stop()');
      await stopProcess(current, { graceMs: 10_000 });
      current = await launch(port);
    },
  };
}

function persistenceSettings(persistence: RedisPersistence): [string, string][] {
  switch (persistence) {
    case 'none':
      return [
        ['save', ''],
        ['appendonly', 'no'],
      ];
    case 'aof':
      return [
        ['save', ''],
        ['appendonly', 'yes'],
      ];
    case 'rdb':
      // With a save point configured, a SIGTERM shutdown writes dump.rdb before exiting.
      return [
        ['save', '3600 1'],
        ['appendonly', 'no'],
      ];
  }
}

class AddressInUseError extends Error {}

async function launchRedis(
  binary: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  timeoutMs: number,
): Promise<ChildProcess> {
  const child = spawnOwned(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Always drained so a full pipe can never stall Redis; only the tail is kept.
  const log = new LogTail();
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk));
  // 'close' comes after the last output is read, which the address-in-use check needs.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));

  const gaveUp = (): string | undefined => {
    if (spawnError) return `could not run ${binary}: ${spawnError.message}`;
    if (child.exitCode !== null || child.signalCode !== null) {
      return `redis-server exited (${child.exitCode ?? child.signalCode}) before answering PING`;
    }
    return undefined;
  };
  try {
    await waitForRedisPong(host, port, { timeoutMs, gaveUp });
    return child;
  } catch (error) {
    await stopProcess(child, { signal: 'SIGKILL' });
    await withTimeout(closed, 1_000, 'redis-server output to close').catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    const message = `${reason}\nlast redis-server output:\n${log.toString()}`;
    throw log.lines().some((line) => line.includes('Address already in use'))
      ? new AddressInUseError(message)
      : new Error(message);
  }
}

async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  untrackDir(dir);
}
