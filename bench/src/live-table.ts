import { int } from './format.js';
import type { LiveOptions } from './live-options.js';
import { BOUND_SECONDS, FLAT_SHARE, type StepResult } from './live-step.js';

const MB = 1024 * 1024;
const cores = (share: number | undefined) =>
  share === undefined || Number.isNaN(share) ? '–' : share.toFixed(2);

/** The table of steps, one row each, and the verdict: the highest rate held. */
export function printLiveTable(
  results: readonly StepResult[],
  options: LiveOptions,
  partitions: number,
): void {
  console.log(
    `One tracker, ${partitions} partitions, ${int(options.openTickets)} open tickets, a send every ${options.batchMs} ms, steps of ${options.stepSeconds} s judged over their last ${options.windowSeconds} s (held: lag slope under ${FLAT_SHARE * 100} % of the rate and lag under ${BOUND_SECONDS} s of traffic), sampled every ${options.sampleSeconds} s; CPU in cores over the window (machine idle: cores no process used).\n`,
  );
  const head = [
    'rate asked (/s)',
    'produced (/s)',
    'folded (/s)',
    'events a batch',
    'lag start',
    'lag end',
    'lag max',
    'lag slope (/s)',
    'tracker CPU',
    'Redis CPU',
    'broker CPU',
    'producer CPU',
    'machine idle',
    'tracker RSS',
    'producer kept up',
    'held',
  ];
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| ${head.map(() => '---').join(' | ')} |`);
  for (const r of results)
    console.log(
      `| ${[
        int(r.rate),
        int(r.produced),
        int(r.folded),
        r.perBatch.toFixed(1),
        int(r.lagStart),
        int(r.lagEnd),
        int(r.lagMax),
        r.lagSlope.toFixed(1),
        cores(r.cores.tracker),
        cores(r.cores.redis),
        cores(r.cores.broker),
        cores(r.cores.bench),
        cores(r.idleCores),
        `${(r.trackerRss / MB).toFixed(0)} MB`,
        r.producerKeptUp ? 'yes' : `no (${int(r.behind)} behind)`,
        r.held ? 'yes' : `no: ${r.why}`,
      ].join(' | ')} |`,
    );
  console.log(`\n${verdict(results)}`);
}

function verdict(results: readonly StepResult[]): string {
  const held = results.filter((r) => r.held);
  const best = held.at(-1);
  const failed = results.find((r) => !r.held);
  if (!best) return `**None of the rates was held**${failed ? `: ${failed.why}` : ''}.`;
  if (!failed)
    return `**Every rate was held: one tracker holds at least ${int(best.rate)} events/s** (add higher --rates to find its limit).`;
  if (!failed.producerKeptUp)
    return `**One tracker holds at least ${int(best.rate)} events/s**; at ${int(failed.rate)} the producer could not keep up, so the limit is not known.`;
  return `**The highest rate one tracker holds: ${int(best.rate)} events/s** (not ${int(failed.rate)}: ${failed.why}).`;
}
