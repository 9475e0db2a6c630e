import type { LatenessResult } from './breach-lateness.js';
import type { BytesPerTicketResult } from './bytes-per-ticket.js';
import type { CatchUpResult } from './catch-up-throughput.js';
import { formatCpu } from './cpu-meter.js';
import { int, percent, perSecond } from './format.js';
import { formatLatencies } from './latency-summary.js';
import type { PhaseTimer } from './phase-timer.js';

export type Row = readonly [measure: string, result: string, notes: string];

export function catchUpRows(r: CatchUpResult): Row[] {
  const ratio = r.tracker.messages / r.tracker.ms / (r.bare.messages / r.bare.ms);
  const total = r.tracker.ms;
  const split: [string, number][] = [
    ['fetch', r.tracker.fetchMs],
    ...[...r.phases.totals].map(([name, t]): [string, number] => [name, t.ms]),
  ];
  const other = total - split.reduce((sum, [, ms]) => sum + ms, 0);
  return [
    [
      '1a. bare kafkajs consumer group (JSON.parse only)',
      `${perSecond(r.bare.messages, r.bare.ms)} msgs`,
      `${int(r.events)} events of ${int(r.tickets)} tickets (${Math.round(r.bytes / r.events)} B avg), produced in ${r.rounds} rounds of <= ${int(r.chunkBytes / 1_048_576)} MiB in sends of ${int(r.sendBytes / 1_024)} KiB, ${int(r.bare.batches)} batches; ${formatCpu(r.cpu.bare)}`,
    ],
    [
      '1b. tracker catch-up (validate, fold, Redis, timers, alerts, commit)',
      `${perSecond(r.tracker.messages, r.tracker.ms)} events`,
      `${int(r.tracker.batches)} batches; ${int(r.alertsProduced)} alerts produced, ${int(r.timersPending)} timers pending at the end; ${formatCpu(r.cpu.tracker)}`,
    ],
    ['1c. tracker / bare', ratio.toFixed(2), 'aim >= 0.4'],
    [
      '1d. where the tracker time went',
      `${int(total)} ms`,
      // A batch's metrics, live delta and commit run beside the next batch's first part
      // (tracker.ts), so the phases overlap and their shares may add to more than all.
      [...split, ...(other > 0 ? [['validate + fold + rest (CPU)', other] as const] : [])]
        .map(([name, ms]) => `${name} ${percent(ms, total)}`)
        .join(', ') + (other > 0 ? '' : ' (phases overlap: a batch finishes beside the next one)'),
    ],
    ...redisRows(r),
  ];
}

/**
 * The CPU each process spent per event folded, and what Redis ran for it: on one machine
 * the tracker, Redis and the broker share the cores, so Redis' microseconds per event
 * bound catch-up as surely as the tracker's own.
 */
function redisRows(r: CatchUpResult): Row[] {
  const events = r.tracker.messages;
  const usPerEvent = (ms: number) => `${((ms * 1000) / events).toFixed(1)} us`;
  const cpuMs = (share: number) => share * r.tracker.ms;
  const w = r.redisWork;
  const top = [...w.byCommand]
    .sort(([, a], [, b]) => b.usec - a.usec)
    .slice(0, 8)
    .map(
      ([name, c]) =>
        `${name} ${(c.calls / events).toFixed(2)} calls ${(c.usec / events).toFixed(1)} us`,
    )
    .join(', ');
  return [
    [
      '1e. CPU per event in the catch-up (tracker / Redis / broker)',
      `${usPerEvent(cpuMs(r.cpu.tracker.node))} / ${usPerEvent(w.cpuMs)} / ${usPerEvent(cpuMs(r.cpu.tracker.broker))}`,
      `Redis used_cpu over the tracker's rounds ${int(w.cpuMs)} ms for ${int(events)} events; of which executing commands ${usPerEvent(w.commandMs)} (commandstats usec, a script's inner calls counted in it and again under their own names)`,
    ],
    [
      '1f. Redis commands per event in the catch-up',
      (w.calls / events).toFixed(2),
      `${int(w.bytesIn / events)} B sent to Redis per event; per event, scripts' inner calls included: ${top}`,
    ],
  ];
}

export function latenessRows(r: LatenessResult, batchSize: number): Row[] {
  return [
    [
      "2a. breach lateness, deadline to the alert acknowledged by Kafka (the system's own part)",
      formatLatencies(r.acknowledged),
      `${int(r.produced)} of ${int(r.expected)} sla.breached produced; deadlines in one second, alerter batch ${batchSize}; aim p99 <= 100 ms`,
    ],
    [
      '2b. end to end: deadline to received by an alerts consumer',
      formatLatencies(r.lateness),
      `${int(r.received)} of ${int(r.expected)} received; reader maxWaitTimeInMs 100`,
    ],
    [
      '2c. of which: wake-up (deadline to its check starting)',
      formatLatencies(r.stages.fire),
      `${int(r.wakeups)} BullMQ wake-up jobs, ${int(r.rounds)} check rounds`,
    ],
    [
      '2d. of which: check start to alert send (Redis load, fold, queueing)',
      formatLatencies(r.stages.untilSend),
      '',
    ],
    [
      '2e. of which: Kafka produce (sendBatch to ack)',
      formatLatencies(r.stages.send),
      `${int(r.sends)} sendBatch calls`,
    ],
    [
      '2f. of which: delivery (ack to received, consumer fetch)',
      formatLatencies(r.stages.delivery),
      'reader maxWaitTimeInMs 100',
    ],
    [
      '2g. alerter throughput in the burst',
      perSecond(r.checked, r.alerterMs),
      `${int(r.checked)} timers checked, first check to last alert acknowledged ${int(r.alerterMs)} ms; ${formatCpu(r.cpu)}; avg per call: ${perCall(r.phases)}; timers set ${int(r.timersSetAheadMs)} ms before the first deadline`,
    ],
  ];
}

export function bytesRows(r: BytesPerTicketResult): Row[] {
  const records = r.records.keys * r.records.avgBytes;
  const timers = r.timers.bytes;
  const shared = r.shared.reduce((sum, k) => sum + k.bytes, 0);
  const rest = r.growth - records - timers - shared - r.metrics.bytes;
  const per = (bytes: number) => `${int(bytes / r.tickets)} B`;
  return [
    [
      '3a. Redis bytes per open ticket, timers included',
      per(r.growth),
      `used_memory growth ${int(r.growth / 1024)} KiB (less script cache and client buffers) / ${int(r.tickets)} open tickets, ${int(r.events)} events; aim < 1 KB`,
    ],
    [
      '3b. of which: ticket record (string)',
      per(records),
      `MEMORY USAGE avg ${int(r.records.avgBytes)} B over ${int(r.records.keys)} records, encoding ${r.records.encoding}; value avg ${int(r.records.avgLength)} B`,
    ],
    [
      '3c. of which: timers (the due set)',
      per(timers),
      `${int(r.timers.entries)} pending timers (${(r.timers.entries / r.tickets).toFixed(2)} per ticket), one sorted set of ${int(timers / 1024)} KiB, encoding ${r.timers.encoding}`,
    ],
    [
      '3d. of which: shared keys (wake-up queue, its event stream, live index)',
      per(shared),
      [...r.shared]
        .sort((a, b) => b.bytes - a.bytes)
        .filter((k) => k.bytes >= 1024)
        .map((k) => `${k.key} ${int(k.bytes / 1024)} KiB`)
        .join(', '),
    ],
    [
      '3e. of which: rolling metrics',
      per(r.metrics.bytes),
      `${int(r.metrics.keys)} keys: contributions, requester contact lists, minute and hour buckets, gauges`,
    ],
    ['3f. of which: rest (keyspace entries, allocator)', per(rest), ''],
  ];
}

const perCall = (phases: PhaseTimer) =>
  [...phases.totals]
    .map(
      ([name, t]) => `${name.replace(/^redis: |^kafka: /, '')} ${(t.ms / t.calls).toFixed(1)} ms`,
    )
    .join(', ');
