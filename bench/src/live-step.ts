import { setTimeout as sleep } from 'node:timers/promises';
import type { LiveOptions } from './live-options.js';
import { machineIdleMs } from './machine-idle.js';
import type { LiveProducer } from './live-producer.js';
import { progress } from './progress.js';
import { slope } from './soak-verdict.js';
import { TreeCpuMeter, type TreeCpuSample } from './tree-cpu-meter.js';

/** A step is held when the lag's slope over the window is below this share of the rate. */
export const FLAT_SHARE = 0.02;
/** ... and the lag stays under this many seconds of traffic at the rate. */
export const BOUND_SECONDS = 5;
/**
 * A step stops at once past this lag: the mock broker keeps only ~5 MB a partition (some
 * 50,000 of these events over its 4), so a larger backlog would lose messages unread.
 */
export const LAG_ABORT = 40_000;

interface Sample {
  /** Seconds since the step began. */
  readonly at: number;
  readonly lag: number;
  readonly folded: number;
  readonly batches: number;
  readonly rss: number;
  readonly sent: number;
  readonly behind: number;
  readonly cpu: TreeCpuSample;
  readonly idleMs: number;
}

/** One rate held for a step, judged over its last `windowSeconds`. */
export interface StepResult {
  readonly rate: number;
  readonly produced: number;
  readonly folded: number;
  /** Events per committed batch over the window: small batches cost more per event. */
  readonly perBatch: number;
  readonly lagStart: number;
  readonly lagEnd: number;
  readonly lagMax: number;
  /** Least-squares slope of the lag over the window, messages per second. */
  readonly lagSlope: number;
  /** Cores used over the window: tracker, redis, broker, and this process (the producer). */
  readonly cores: Readonly<Record<string, number>>;
  /** Cores the machine left idle over the window: near 0, the tracker shared them. */
  readonly idleCores: number;
  readonly trackerRss: number;
  /** Messages due but not yet acknowledged when the step ended. */
  readonly behind: number;
  readonly producerKeptUp: boolean;
  readonly held: boolean;
  /** Why it was not held, or why it is void (the producer, the broker); '' when held. */
  readonly why: string;
}

export interface StepDeps {
  readonly producer: LiveProducer;
  readonly cpu: TreeCpuMeter;
  /** The tracker's /metrics, summed by name. */
  scrape(): Promise<Map<string, number>>;
  /** Throws if the tracker has exited. */
  checkAlive(): void;
}

/** Produces at `rate` for a step, sampling every `sampleSeconds`, and judges it. */
export async function runStep(
  deps: StepDeps,
  rate: number,
  options: LiveOptions,
): Promise<StepResult> {
  const samples: Sample[] = [];
  deps.producer.step(rate);
  const started = performance.now();
  let aborted = false;
  const count = Math.floor(options.stepSeconds / options.sampleSeconds);
  for (let k = 1; k <= count; k++) {
    await sleep(Math.max(0, started + k * options.sampleSeconds * 1000 - performance.now()));
    deps.checkAlive();
    const metrics = await deps.scrape();
    const { sent, behind } = deps.producer.progress();
    const sample: Sample = {
      at: (performance.now() - started) / 1000,
      lag: metrics.get('slawatch_tracker_consumer_lag') ?? NaN,
      folded: metrics.get('slawatch_tracker_events_total') ?? NaN,
      batches: metrics.get('slawatch_tracker_batch_duration_seconds_count') ?? NaN,
      rss: metrics.get('process_resident_memory_bytes') ?? NaN,
      sent,
      behind,
      cpu: deps.cpu.sample(),
      idleMs: machineIdleMs(),
    };
    samples.push(sample);
    progress(
      `${rate}/s, ${sample.at.toFixed(0)} s: lag ${sample.lag}, ${sent} sent, ${behind} behind`,
    );
    if (sample.lag > LAG_ABORT) {
      aborted = true;
      break;
    }
  }
  return judge(rate, samples, options, aborted);
}

function judge(
  rate: number,
  samples: readonly Sample[],
  options: LiveOptions,
  aborted: boolean,
): StepResult {
  const last = samples.at(-1)!;
  // The window: every sample from `windowSeconds` before the last one (the first sample at
  // or before its start, so the rates span the whole window).
  const from = samples.findLastIndex((s) => s.at <= last.at - options.windowSeconds + 1e-6);
  const window = samples.slice(Math.max(0, from));
  const first = window[0]!;
  const seconds = last.at - first.at;
  const lags = window.map((s) => s.lag);
  const lagSlope = slope(
    window.map((s) => s.at),
    lags,
  );
  const produced = (last.sent - first.sent) / seconds;
  const lagMax = Math.max(...lags);
  const producerKeptUp = last.behind < rate && produced >= 0.98 * rate;
  const why = aborted
    ? `lag past ${LAG_ABORT} after ${last.at.toFixed(0)} s`
    : !producerKeptUp
      ? `VOID: the producer fell behind (${last.behind} messages)`
      : lagSlope > FLAT_SHARE * rate
        ? `lag grows ${lagSlope.toFixed(0)}/s (over ${FLAT_SHARE * 100} % of the rate)`
        : lagMax > BOUND_SECONDS * rate
          ? `lag ${lagMax} is over ${BOUND_SECONDS} s of traffic`
          : '';
  return {
    rate,
    produced,
    folded: (last.folded - first.folded) / seconds,
    perBatch: (last.folded - first.folded) / (last.batches - first.batches),
    lagStart: first.lag,
    lagEnd: last.lag,
    lagMax,
    lagSlope,
    cores: TreeCpuMeter.shares(first.cpu, last.cpu),
    idleCores: (last.idleMs - first.idleMs) / (last.cpu.at - first.cpu.at),
    trackerRss: last.rss,
    behind: last.behind,
    producerKeptUp,
    held: why === '' && !aborted,
    why,
  };
}
