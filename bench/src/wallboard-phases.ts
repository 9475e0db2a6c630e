import { int } from './format.js';
import type { MetricsFrame } from './live-frames.js';
import { progress } from './progress.js';
import { ticketEvent } from './ticket-event.js';
import { TreeCpuMeter } from './tree-cpu-meter.js';
import type { WallboardStack } from './wallboard-stack.js';

/** One ticket created: when it was sent, and the figure that shows it. */
interface Sent {
  readonly t0: number;
  readonly want: number;
  /** Paced only: when `waitForFunction` resolved in Node (NaN if it timed out). */
  readonly nodeAt?: number;
}

/** What one phase measured; latencies in ms, NaN-free (an event not shown has none). */
export interface PhaseResult {
  readonly events: number;
  /** Paced only: send to `waitForFunction` resolving in Node. */
  readonly nodeTimed: number[];
  /** Send to the in-page observer seeing the figure reach the event's count. */
  readonly pageTimed: number[];
  /** Paced only: how much later `waitForFunction` resolved in Node than the observer saw it. */
  readonly nodeLag: number[];
  /** Send to the tracker publishing the delta of the read that showed it (`deltaAt`). */
  readonly toDelta: number[];
  /** That `deltaAt` to the observer seeing the figure. */
  readonly deltaToPage: number[];
  /** Metrics messages (snapshot or update) the page received during the phase. */
  readonly updates: number;
  /** Share of a core each process tree used during the phase. */
  readonly cpu: Record<string, number>;
  readonly wallMs: number;
}

const PAGE_TIMEOUT_MS = 10_000;
const sleepUntil = (at: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

let serial = 0;
function send(stack: WallboardStack, prefix: string): { t0: number; sent: Promise<unknown> } {
  const subject = `${prefix}-${++serial}`;
  const t0 = Date.now();
  const event = ticketEvent(subject, t0, 'ticket.created', {
    priority: 'normal',
    channel: 'email',
    team: 'bench',
  });
  const sent = stack.producer.send({
    topic: stack.topic,
    messages: [{ key: subject, value: JSON.stringify(event) }],
  });
  return { t0, sent };
}

/** Each sent event's times, from what the page observed and the messages it received. */
async function attribute(
  stack: WallboardStack,
  sends: readonly Sent[],
  from: number,
): Promise<Pick<PhaseResult, 'pageTimed' | 'nodeLag' | 'toDelta' | 'deltaToPage' | 'updates'>> {
  const seen = await stack.volumeIn.seen();
  const frames = stack.frames.since(from);
  const pageTimed: number[] = [];
  const nodeLag: number[] = [];
  const toDelta: number[] = [];
  const deltaToPage: number[] = [];
  for (const { t0, want, nodeAt = NaN } of sends) {
    const shown = seen.find(([at, value]) => at >= t0 && value >= want);
    if (!shown) continue;
    pageTimed.push(shown[0] - t0);
    if (Number.isFinite(nodeAt)) nodeLag.push(nodeAt - shown[0]);
    const frame: MetricsFrame | undefined = frames.find((f) => f.created >= want);
    if (frame && Number.isFinite(frame.deltaAt)) {
      toDelta.push(frame.deltaAt - t0);
      deltaToPage.push(shown[0] - frame.deltaAt);
    }
  }
  return { pageTimed, nodeLag, toDelta, deltaToPage, updates: frames.length };
}

/**
 * Creates `events` tickets one at a time: each is sent, then awaited in the page until the
 * "Tickets in" figure shows it; the next goes `intervalMs` after the previous was sent, or
 * at once if showing it took longer. So no two events share an update.
 */
export async function measurePaced(
  stack: WallboardStack,
  events: number,
  intervalMs: number,
  label = 'paced',
): Promise<PhaseResult> {
  const meter = new TreeCpuMeter(stack.pids);
  const before = meter.sample();
  const from = Date.now();
  let want = await stack.volumeIn.read();
  if (!Number.isFinite(want)) throw new Error('the board shows no "Tickets in" figure');
  const sends: Sent[] = [];
  const nodeTimed: number[] = [];
  let next = Date.now();
  for (let i = 0; i < events; i++) {
    await sleepUntil(next);
    const { t0, sent } = send(stack, `WB-${label}`);
    await sent;
    want += 1;
    let nodeAt = NaN;
    try {
      await stack.volumeIn.waitFor(want, PAGE_TIMEOUT_MS);
      nodeAt = Date.now();
      nodeTimed.push(nodeAt - t0);
    } catch (error) {
      const why = String(error instanceof Error ? error.message : error).split('\n')[0];
      progress(`${label}: ticket ${i + 1} not shown (${why})`);
    }
    sends.push({ t0, want, nodeAt });
    next = Math.max(t0 + intervalMs, Date.now());
    if ((i + 1) % 50 === 0) progress(`${label}: ${int(i + 1)} of ${int(events)} shown`);
  }
  const after = meter.sample();
  return {
    events,
    nodeTimed,
    ...(await attribute(stack, sends, from)),
    cpu: TreeCpuMeter.shares(before, after),
    wallMs: after.at - before.at,
  };
}

/**
 * Creates `rate` tickets a second for `seconds`, each sent on its own on schedule without
 * waiting for the page; then waits for the figure to show them all. Each event's latency is
 * from its send to the page first showing a figure that counts it.
 */
export async function measureBurst(
  stack: WallboardStack,
  rate: number,
  seconds: number,
): Promise<PhaseResult> {
  const meter = new TreeCpuMeter(stack.pids);
  const before = meter.sample();
  const from = Date.now();
  const base = await stack.volumeIn.read();
  if (!Number.isFinite(base)) throw new Error('the board shows no "Tickets in" figure');
  const events = rate * seconds;
  const sends: Sent[] = [];
  const pending: Promise<unknown>[] = [];
  const start = Date.now() + 50;
  for (let i = 0; i < events; i++) {
    await sleepUntil(start + (i * 1000) / rate);
    const { t0, sent } = send(stack, 'WB-burst');
    sends.push({ t0, want: base + i + 1 });
    pending.push(sent);
  }
  await Promise.all(pending);
  try {
    await stack.volumeIn.waitFor(base + events, PAGE_TIMEOUT_MS);
  } catch {
    progress(`burst: the figure did not reach ${base + events} within ${PAGE_TIMEOUT_MS} ms`);
  }
  const after = meter.sample();
  return {
    events,
    nodeTimed: [],
    ...(await attribute(stack, sends, from)),
    cpu: TreeCpuMeter.shares(before, after),
    wallMs: after.at - before.at,
  };
}
