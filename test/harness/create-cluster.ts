import type { ClusterNode } from './cluster-node.js';
import { LogTail } from './log-tail.js';
import { spawnOwned } from './spawn-owned.js';
import { stopProcess } from './stop-process.js';
import { withTimeout } from './with-timeout.js';

/**
 * Joins fresh cluster nodes with `redis-cli --cluster create`: the first `nodes / (1 +
 * replicasPerMaster)` become masters with equal slot ranges, the rest their replicas. It
 * returns once the nodes have met; the caller still waits for gossip to settle.
 */
export async function createCluster(
  redisCli: string,
  env: NodeJS.ProcessEnv,
  nodes: readonly Pick<ClusterNode, 'host' | 'port'>[],
  replicasPerMaster: number,
  timeoutMs: number,
): Promise<void> {
  const args = [
    '--cluster',
    'create',
    ...nodes.map((node) => `${node.host}:${node.port}`),
    '--cluster-replicas',
    String(replicasPerMaster),
    // Accept the proposed layout without the interactive "type 'yes'" prompt.
    '--cluster-yes',
  ];
  const child = spawnOwned(redisCli, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = new LogTail(80);
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk));
  const closed = new Promise<number | string>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  let outcome: number | string;
  try {
    outcome = await withTimeout(closed, timeoutMs, 'redis-cli --cluster create');
  } catch (error) {
    await stopProcess(child, { signal: 'SIGKILL' });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${reason}\nlast redis-cli output:\n${plain(log)}`, { cause: error });
  }
  if (outcome !== 0) {
    throw new Error(`redis-cli --cluster create exited (${outcome})\nlast output:\n${plain(log)}`);
  }
}

/** redis-cli colours its output even into a pipe; error messages should not carry escapes. */
function plain(log: LogTail): string {
  // eslint-disable-next-line no-control-regex
  return log.toString().replace(/\u001b\[[0-9;]*m/g, '');
}
