import { isHealthy, parseClusterNodes, type ClusterNodesEntry } from './cluster-nodes-entry.js';
import {
  clusterSlots,
  describeLayout,
  layoutOf,
  slotsServed,
  type ClusterShard,
} from './cluster-layout.js';
import { queryRedisNode } from './redis-node-query.js';

/** What one node says about the cluster at one moment. */
interface NodeReport {
  readonly port: number;
  readonly clusterInfo: string;
  readonly clusterState: string | undefined;
  readonly entries: ClusterNodesEntry[];
  /** `up` or `down` on a replica; undefined on a master. */
  readonly masterLinkStatus: string | undefined;
}

/** Why the cluster is not (yet) as wanted, and which node said so. */
interface Problem {
  readonly port: number | undefined;
  readonly message: string;
}

/** Options for {@link waitForConsensus}. */
export interface ConsensusOptions {
  readonly host: string;
  /** The nodes that should be running; each is asked, and each must be seen as healthy. */
  readonly ports: readonly number[];
  readonly timeoutMs: number;
  /** What is awaited, for the error message: `the cluster to form`. */
  readonly what: string;
  /** A further wish on the agreed layout: undefined when met, else why not. */
  readonly accept?: (layout: ClusterShard[]) => string | undefined;
}

const pollMs = 50;

/**
 * Polls every node in `ports` until all of them say `cluster_state:ok`, see each other as
 * healthy, agree on who serves which slots and who replicates whom, together cover all
 * 16384 slots with running masters, and every replica's link to its master is up; then
 * resolves with that layout. There is no event for "the cluster has settled", and gossip
 * spreads a change over a few cron ticks (100 ms each), so asking everyone is the only
 * way to know.
 *
 * @throws on timeout, naming the node that disagreed and the last `CLUSTER INFO` it gave
 */
export async function waitForConsensus(options: ConsensusOptions): Promise<ClusterShard[]> {
  const { host, ports, timeoutMs, what, accept } = options;
  const deadline = Date.now() + timeoutMs;
  let problem: Problem = { port: undefined, message: 'no node asked yet' };
  const lastReports = new Map<number, NodeReport>();
  for (;;) {
    const outcome = await Promise.allSettled(ports.map((port) => reportOf(host, port)));
    const reports: NodeReport[] = [];
    let unreachable: Problem | undefined;
    outcome.forEach((result, index) => {
      if (result.status === 'fulfilled') {
        reports.push(result.value);
        lastReports.set(result.value.port, result.value);
      } else {
        const reason =
          result.reason instanceof Error ? result.reason.message : String(result.reason);
        unreachable ??= { port: ports[index], message: `not answering: ${reason}` };
      }
    });
    const found = unreachable ?? consensusProblem(reports, ports);
    if (found === undefined) {
      const layout = layoutOf(reports[0]?.entries ?? []);
      const unmet = accept?.(layout);
      if (unmet === undefined) return layout;
      problem = { port: undefined, message: unmet };
    } else {
      problem = found;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(timeoutMessage(host, what, timeoutMs, problem, lastReports));
}

async function reportOf(host: string, port: number): Promise<NodeReport> {
  const [clusterInfo, nodes, replication] = (await queryRedisNode(
    host,
    port,
    [
      ['CLUSTER', 'INFO'],
      ['CLUSTER', 'NODES'],
      ['INFO', 'replication'],
    ],
    1_000,
  )) as [string, string, string];
  return {
    port,
    clusterInfo,
    clusterState: field(clusterInfo, 'cluster_state'),
    entries: parseClusterNodes(nodes),
    masterLinkStatus: field(replication, 'master_link_status'),
  };
}

function consensusProblem(
  reports: readonly NodeReport[],
  ports: readonly number[],
): Problem | undefined {
  for (const report of reports) {
    const { port } = report;
    if (report.clusterState !== 'ok') {
      return { port, message: `${port} says cluster_state:${report.clusterState ?? '(none)'}` };
    }
    for (const other of ports) {
      const entry = report.entries.find((candidate) => candidate.port === other);
      if (entry === undefined) return { port, message: `${port} does not know ${other} yet` };
      if (!isHealthy(entry)) {
        const link = entry.connected ? 'connected' : 'disconnected';
        return { port, message: `${port} sees ${other} as ${entry.flags.join(',')} (${link})` };
      }
    }
    if (report.masterLinkStatus !== undefined && report.masterLinkStatus !== 'up') {
      return { port, message: `replica ${port} has master_link_status:${report.masterLinkStatus}` };
    }
  }
  const [first, ...others] = reports;
  if (first === undefined) return { port: undefined, message: 'no node to ask' };
  const agreed = describeLayout(layoutOf(first.entries));
  for (const report of others) {
    const seen = describeLayout(layoutOf(report.entries));
    if (seen !== agreed) {
      return {
        port: report.port,
        message: `${report.port} sees [${seen}] but ${first.port} sees [${agreed}]`,
      };
    }
  }
  const layout = layoutOf(first.entries);
  // Right after a kill -9 the others still count the dead node as healthy for up to the
  // node timeout: its slots are not served, whatever the views say.
  const stale = layout
    .flatMap((shard) => [shard.masterPort, ...shard.replicaPorts])
    .find((port) => !ports.includes(port));
  if (stale !== undefined) {
    return { port: undefined, message: `${stale} is down but still counted in [${agreed}]` };
  }
  const served = slotsServed(layout);
  if (served !== clusterSlots) {
    return { port: first.port, message: `${served} of ${clusterSlots} slots served: [${agreed}]` };
  }
  return undefined;
}

function timeoutMessage(
  host: string,
  what: string,
  timeoutMs: number,
  problem: Problem,
  reports: ReadonlyMap<number, NodeReport>,
): string {
  const lines = [
    `Redis Cluster: timed out after ${timeoutMs} ms waiting for ${what}: ${problem.message}`,
  ];
  const named = problem.port === undefined ? undefined : reports.get(problem.port);
  const shown = named ?? reports.values().next().value;
  if (shown !== undefined) {
    lines.push(`last CLUSTER INFO of ${host}:${shown.port}:`, indent(shown.clusterInfo));
    lines.push(`last CLUSTER NODES of ${host}:${shown.port}:`);
    lines.push(indent(shown.entries.map(describeEntry).join('\n')));
  }
  return lines.join('\n');
}

function describeEntry(entry: ClusterNodesEntry): string {
  const slots = entry.slots.map(([start, end]) => `${start}-${end}`).join(',');
  const link = entry.connected ? 'connected' : 'disconnected';
  return `${entry.host}:${entry.port} ${entry.flags.join(',')} ${link} ${slots}`.trimEnd();
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .map((line) => `  ${line}`)
    .join('\n');
}

function field(info: string, name: string): string | undefined {
  const line = info.split('\n').find((candidate) => candidate.startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}
