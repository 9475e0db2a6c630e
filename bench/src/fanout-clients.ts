import WebSocket from 'ws';
import type { FanoutClientsInput, FanoutFromClients, FanoutToClients } from './fanout-messages.js';

// The wallboards of gateway-fanout.ts, in a process of their own: on the gateway's event
// loop their receiving would delay the gateway, and their stamps would wait for it.
// Each update's latency is its arrival less the publication time of the delta it
// reflects (`deltaAt`), read from the message's first bytes without parsing the rest.
const input = JSON.parse(process.argv[2]!) as FanoutClientsInput;
const send = (message: FanoutFromClients) => process.send!(message);

const sockets: WebSocket[] = [];
const latencies: number[] = [];
const deltaTimes: number[] = [];
let snapshots = 0;
let closedEarly = 0;
let stopping = false;
const DELTA_AT = /"deltaAt":"([^"]+)"/;

function open(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(input.url, {
      headers: { authorization: `Bearer ${input.token}` },
      // The wallboards are the harness, not what is measured.
      skipUTF8Validation: true,
    });
    ws.once('open', () => {
      for (let s = 0; s < input.subscriptionsPerClient; s++) {
        const view = input.views[(index + s * input.spread) % input.views.length];
        ws.send(JSON.stringify({ type: 'subscribe', id: `s${s}`, view }));
      }
      sockets.push(ws);
      resolve();
    });
    ws.once('error', reject);
    ws.on('message', (data: Buffer) => {
      const receivedAt = Date.now();
      const head = data.toString('latin1', 0, Math.min(data.length, 160));
      if (head.startsWith('{"type":"snapshot"')) snapshots++;
      else if (head.startsWith('{"type":"update"')) {
        const deltaAt = DELTA_AT.exec(head)?.[1];
        if (!deltaAt) return;
        const at = Date.parse(deltaAt);
        deltaTimes.push(at);
        latencies.push(receivedAt - at);
      }
    });
    ws.on('close', () => {
      if (!stopping) closedEarly++;
    });
  });
}

process.on('message', (message: FanoutToClients) => {
  if (message.type === 'report') {
    const within: number[] = [];
    for (let i = 0; i < latencies.length; i++)
      if (deltaTimes[i]! >= message.from && deltaTimes[i]! <= message.to)
        within.push(latencies[i]!);
    const cpu = process.cpuUsage();
    send({
      type: 'report',
      latencies: within,
      closedEarly,
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
  } else {
    stopping = true;
    for (const ws of sockets) ws.terminate();
    process.exit(0);
  }
});

// A few hundred handshakes at a time: all at once would overflow the listen backlog.
const BATCH = 250;
let failed = 0;
for (let first = 0; first < input.clients; first += BATCH) {
  const batch = Array.from({ length: Math.min(BATCH, input.clients - first) }, (_, i) =>
    open(first + i).catch(() => void failed++),
  );
  await Promise.all(batch);
}
const expected = (input.clients - failed) * input.subscriptionsPerClient;
const started = Date.now();
while (snapshots < expected && Date.now() - started < 60_000)
  await new Promise((resolve) => setTimeout(resolve, 50));
send({ type: 'connected', connected: sockets.length, failed, snapshots });
