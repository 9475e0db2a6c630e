import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { trackDir, untrackDir } from './process-registry.js';
import { redisPing } from './redis-ping.js';
import { startRedis, type RedisServer } from './redis-server.js';

/** One cluster member: a private `redis-server` with cluster mode on, in its own temp dir. */
export interface ClusterNode {
  readonly host: string;
  readonly port: number;
  /** The cluster bus port, chosen free like the client port. */
  readonly busPort: number;
  readonly dir: string;
  /** Pid of the current process; -1 while it is down. */
  readonly pid: number;
  readonly running: boolean;
  /** kill -9, as a crash; resolves once the port refuses connections. */
  kill(): Promise<void>;
  /** Starts it again on the same ports and dir, so it rejoins with its node id from nodes.conf. */
  restart(): Promise<void>;
  /** Stops it (SIGTERM, then SIGKILL) and removes its dir. */
  stop(): Promise<void>;
}

/** Options for {@link startClusterNode}. */
export interface ClusterNodeOptions {
  readonly nodeTimeoutMs: number;
  readonly env: NodeJS.ProcessEnv;
  readonly startTimeoutMs: number;
}

const busPortAttempts = 3;

/**
 * Starts one cluster node through {@link startRedis} (so it gets its free port, `hz 100`, no
 * persistence, the process registry and the start-up diagnostics), adding the cluster
 * settings. The bus port is named with `cluster-port` rather than left at port + 10000,
 * which for the OS's ephemeral ports (up to 60999) would often be no port at all.
 */
export async function startClusterNode(options: ClusterNodeOptions): Promise<ClusterNode> {
  const dir = await mkdtemp(join(tmpdir(), 'slawatch-redis-cluster-'));
  trackDir(dir);
  const removeDir = async (): Promise<void> => {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    untrackDir(dir);
  };
  let server: RedisServer | undefined;
  let busPort = 0;
  try {
    for (let attempt = 1; server === undefined; attempt++) {
      busPort = await freePort();
      try {
        server = await startRedis({
          dir,
          env: options.env,
          startTimeoutMs: options.startTimeoutMs,
          args: clusterArgs(dir, busPort, options.nodeTimeoutMs),
        });
      } catch (error) {
        // startRedis retries a taken client port itself, but not the bus port we chose.
        const inUse = error instanceof Error && error.message.includes('Address already in use');
        if (!inUse || attempt >= busPortAttempts) throw error;
        await rm(join(dir, 'nodes.conf'), { force: true });
      }
    }
  } catch (error) {
    await removeDir();
    throw error;
  }

  const started = server;
  let running = true;
  let stopped = false;
  return {
    host: started.host,
    port: started.port,
    busPort,
    dir,
    get pid() {
      return running ? started.pid : -1;
    },
    get running() {
      return running;
    },
    async kill() {
      if (!running) return;
      running = false;
      process.kill(started.pid, 'SIGKILL');
      await waitUntilRefused(started.host, started.port);
    },
    async restart() {
      if (stopped) throw new Error('restart() after stop()');
      await started.restart();
      running = true;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      running = false;
      // startRedis was given the dir, so it leaves it to us.
      await started.stop();
      await removeDir();
    },
  };
}

function clusterArgs(dir: string, busPort: number, nodeTimeoutMs: number): string[] {
  const settings: [string, string][] = [
    ['cluster-enabled', 'yes'],
    ['cluster-config-file', join(dir, 'nodes.conf')],
    ['cluster-port', String(busPort)],
    // Short, so a killed master is declared failed and replaced within a few seconds.
    ['cluster-node-timeout', String(nodeTimeoutMs)],
    // A shard without a master must not stop the others from serving their slots.
    ['cluster-require-full-coverage', 'no'],
    // Redis 7 waits 5 s by default to batch replicas into one diskless sync; ours attach at once.
    ['repl-diskless-sync-delay', '0'],
  ];
  return settings.flatMap(([name, value]) => [`--${name}`, value]);
}

/** After SIGKILL the kernel closes the listening socket as the process exits. */
async function waitUntilRefused(host: string, port: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    try {
      await redisPing(host, port, 200);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`redis-server on ${host}:${port} still answers after SIGKILL`);
}
