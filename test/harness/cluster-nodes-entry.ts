/** One line of `CLUSTER NODES`: how the node that answered sees one member of the cluster. */
export interface ClusterNodesEntry {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  /** `myself`, `master`, `slave`, `fail?`, `fail`, `handshake`, `noaddr`, `nofailover`… */
  readonly flags: readonly string[];
  readonly role: 'master' | 'replica';
  /** The id of the master it replicates, for a replica. */
  readonly masterId: string | undefined;
  readonly connected: boolean;
  /** Slot ranges it serves, inclusive; slots being imported or migrated are left out. */
  readonly slots: readonly (readonly [number, number])[];
}

// A node seen with any of these cannot be counted on to serve or to fail over.
const unhealthyFlags = new Set(['fail?', 'fail', 'handshake', 'noaddr']);

/** Whether the entry shows a reachable node that nobody suspects of having failed. */
export function isHealthy(entry: ClusterNodesEntry): boolean {
  return entry.connected && !entry.flags.some((flag) => unhealthyFlags.has(flag));
}

/**
 * Parses the reply to `CLUSTER NODES`:
 * `<id> <ip:port@cport[,hostname]> <flags> <master> <ping-sent> <pong-recv> <epoch> <link> <slot>…`
 */
export function parseClusterNodes(reply: string): ClusterNodesEntry[] {
  return reply
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(parseLine);
}

function parseLine(line: string): ClusterNodesEntry {
  const [id, address, flagList, master, , , , link, ...slotFields] = line.split(' ');
  if (id === undefined || address === undefined || flagList === undefined || link === undefined) {
    throw new Error(`unexpected CLUSTER NODES line: ${line}`);
  }
  const hostPort = address.split('@')[0] ?? '';
  const colon = hostPort.lastIndexOf(':');
  const flags = flagList.split(',');
  return {
    id,
    host: hostPort.slice(0, colon),
    port: Number(hostPort.slice(colon + 1)),
    flags,
    role: flags.includes('slave') ? 'replica' : 'master',
    masterId: master === undefined || master === '-' ? undefined : master,
    connected: link === 'connected',
    // `[slot->-id]` and `[slot-<-id]` are migrations in progress, not ownership.
    slots: slotFields.filter((field) => !field.startsWith('[')).map(parseSlotRange),
  };
}

function parseSlotRange(field: string): [number, number] {
  const [start, end = start] = field.split('-');
  return [Number(start), Number(end)];
}
