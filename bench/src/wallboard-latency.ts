import { cpus } from 'node:os';
import { int } from './format.js';
import { summarizeLatencies } from './latency-summary.js';
import { progress } from './progress.js';
import { measureBurst, measurePaced, type PhaseResult } from './wallboard-phases.js';
import { readWallboardOptions, type WallboardOptions } from './wallboard-options.js';
import { startWallboardStack, type WallboardStack } from './wallboard-stack.js';

// `npm run bench:wallboard [-- --events=200 --interval-ms=250 --burst-rate=20
// --burst-seconds=10]`: from producing a ticket.created event to Kafka until the
// wallboard in headless Chromium shows it in its "Tickets in" tile, over real tracker,
// alerter and gateway processes on a private Redis and Kafka-protocol broker (the e2e
// wallboard test's setup). Two phases: tickets one at a time, each awaited in the page;
// then a burst, each event timed by an observer in the page. One markdown table on stdout.
let options: WallboardOptions;
try {
  options = readWallboardOptions(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
const WARM_UP = 5;
const AIM_MS = 1000;

let stack: WallboardStack | undefined;
// Ctrl-C: stop what runs (the services, Chromium, the servers) before leaving. A second
// one leaves at once; the exit hooks of start-service.ts and the harness still kill them.
process.on('SIGINT', () => {
  if (process.exitCode === 130) process.exit(130);
  process.exitCode = 130;
  progress('interrupted: stopping');
  void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
});

const ms = (n: number) => (Number.isFinite(n) ? `${int(n)} ms` : '–');
const cores = (cpu: Record<string, number>, names: string[]) =>
  `CPU (cores): ${names.map((n) => `${n} ${(cpu[n] ?? NaN).toFixed(2)}`).join(', ')}`;

function row(
  phase: string,
  timedBy: string,
  r: PhaseResult,
  latencies: number[],
  notes: string,
): string {
  const s = summarizeLatencies(latencies);
  const shown = `${int(latencies.length)} of ${int(r.events)}`;
  return `| ${[phase, timedBy, shown, ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max), notes].join(' | ')} |`;
}

const p50 = (values: number[]) => ms(summarizeLatencies(values).p50);
const p50max = (values: number[]) => {
  const s = summarizeLatencies(values);
  return `${ms(s.p50)} (max ${ms(s.max)})`;
};
const CPU_OF = ['tracker', 'gateway', 'chromium'];

try {
  stack = await startWallboardStack();
  const chromiumVersion = stack.browser.version();
  await stack.volumeIn.watch();
  progress(`warming up: ${WARM_UP} tickets, not measured`);
  await measurePaced(stack, WARM_UP, 600, 'warm-up');
  // A quiet spell before each phase: its first delta is read at once, as after any lull,
  // not held back by the gateway's pacing after the previous phase's last read.
  const quiet = () => new Promise((resolve) => setTimeout(resolve, 2000));
  await quiet();
  const rows: string[] = [];
  if (options.events > 0) {
    progress(`paced: ${int(options.events)} tickets, one every >= ${options.intervalMs} ms`);
    const paced = await measurePaced(stack, options.events, options.intervalMs);
    const phase = `paced, one at a time, >= ${options.intervalMs} ms apart`;
    rows.push(
      row(
        phase,
        'waitForFunction (Node)',
        paced,
        paced.nodeTimed,
        `polled in the page at every frame (raf); resolves in Node p50 ${p50(paced.nodeLag)} after the observer saw the figure (next frame, CDP round trip)`,
      ),
      row(
        phase,
        'observer in the page',
        paced,
        paced.pageTimed,
        `send to delta published (Kafka, tracker) p50 ${p50max(paced.toDelta)}, delta to figure (gateway, websocket, render) p50 ${p50max(paced.deltaToPage)}; ${int(paced.updates)} metrics updates received; ${cores(paced.cpu, CPU_OF)}`,
      ),
    );
  }
  if (options.burstRate > 0 && options.burstSeconds > 0) {
    await quiet();
    progress(`burst: ${options.burstRate} tickets a second for ${options.burstSeconds} s`);
    const burst = await measureBurst(stack, options.burstRate, options.burstSeconds);
    rows.push(
      row(
        `burst, ${options.burstRate}/s for ${options.burstSeconds} s, each sent on its own`,
        'observer in the page',
        burst,
        burst.pageTimed,
        `${int(burst.updates)} metrics updates received for ${int(burst.events)} events in ${(burst.wallMs / 1000).toFixed(1)} s; ${cores(burst.cpu, CPU_OF)}`,
      ),
    );
  }
  const cpu = cpus();
  console.log(
    `slawatch bench:wallboard (node ${process.version}, Chromium ${chromiumVersion}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'cpu'}, ${new Date().toISOString().slice(0, 10)})\n`,
  );
  console.log(
    `latency = producer.send of a ticket.created to the wallboard's "Tickets in" figure counting it (1h window, all teams, 1920x1080); aim: within ${int(AIM_MS)} ms\n`,
  );
  console.log(
    '| phase | timed by | events shown | p50 | p90 | p99 | max | notes |\n| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of rows) console.log(r);
} catch (error) {
  if (process.exitCode !== 130) {
    process.exitCode = 1;
    console.error(error);
  }
} finally {
  await stack?.stop();
  progress('done');
}
