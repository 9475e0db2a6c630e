import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import type { Browser, Page } from 'playwright-core';
import { freePort, quietKafka, startKafka, startRedis } from '@slawatch/test';
import { launchBrowser } from '@slawatch/test/browser';
import { ensureTopics } from './ensure-topics.js';
import { LiveFrames } from './live-frames.js';
import { PageFigure } from './page-figure.js';
import { childrenNamed } from './process-tree-cpu.js';
import { progress } from './progress.js';
import { startService, type ServiceProcess } from './start-service.js';
import { ticketEvent } from './ticket-event.js';
import { runTopics, serviceEnv } from './service-env.js';

const POLICIES = `
policies:
  - id: standard
    targets: { firstResponse: 1h, resolution: 8h }
    warnAt: [0.5]
`;
const READY_MS = 30_000;

/** Everything `bench:wallboard` runs on, started here and stopped by `stop()`. */
export interface WallboardStack {
  readonly topic: string;
  readonly producer: Producer;
  readonly browser: Browser;
  /** The board, signed in as an admin, at 1920x1080, showing the 1h window of all teams. */
  readonly page: Page;
  /** Its "Tickets in" figure. */
  readonly volumeIn: PageFigure;
  readonly frames: LiveFrames;
  readonly services: readonly ServiceProcess[];
  /** Process ids to meter: the services, Chromium's browser process, Redis, the broker. */
  readonly pids: Readonly<Record<string, number>>;
  /** Stops everything started so far, last started first; safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * A private redis-server and Kafka-protocol broker, `slawatch run tracker`, `alerter` and
 * `gateway` as their own processes, and Debian's headless Chromium on the gateway's
 * wallboard: the e2e wallboard test's setup (test/e2e/wallboard.test.ts), as a program.
 */
export async function startWallboardStack(): Promise<WallboardStack> {
  const undo: (() => Promise<unknown>)[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const step of undo.reverse()) {
        try {
          await step();
        } catch (error) {
          progress(`while stopping: ${String(error)}`);
        }
      }
    })());
  try {
    progress('starting a private redis-server and a 1-broker mock Kafka');
    const [redis, broker] = await Promise.all([startRedis(), startKafka({ brokers: 1 })]);
    undo.push(
      () => redis.stop(),
      () => broker.stop(),
    );
    const dir = await mkdtemp(join(tmpdir(), 'slawatch-bench-wallboard-'));
    // Removed by stop(), or at exit if the bench leaves first (a Ctrl-C while Chromium runs:
    // Playwright's own handler closes it and exits).
    const removeDir = () => rmSync(dir, { recursive: true, force: true });
    process.once('exit', removeDir);
    undo.push(async () => {
      process.off('exit', removeDir);
      await rm(dir, { recursive: true, force: true });
    });
    const policyFile = join(dir, 'policies.yaml');
    await writeFile(policyFile, POLICIES);

    const run = randomBytes(3).toString('hex');
    const topics = runTopics('bench-wb', run);
    const topic = topics.events;
    const adminToken = `bench-admin-${randomBytes(12).toString('hex')}`;
    const port = await freePort();
    const kafka = quietKafka(broker.brokers, 'bench-wallboard');
    await ensureTopics(kafka, Object.values(topics));
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    undo.push(() => producer.disconnect());

    const env: Record<string, string> = {
      ...serviceEnv({
        name: 'bench-wb',
        run,
        brokers: broker.brokers,
        redisUrl: redis.url,
        policies: policyFile,
      }),
      SLAWATCH_HTTP_PORT: String(port),
      SLAWATCH_ADMIN_TOKEN: adminToken,
    };
    progress('starting slawatch run tracker, alerter and gateway');
    const ready: [string, string][] = [
      ['tracker', 'tracker consuming'],
      ['alerter', 'alerter waiting for deadlines'],
      ['gateway', 'gateway listening'],
    ];
    const services = ready.map(([name]) => startService(name, env));
    undo.push(() => Promise.all(services.map((s) => s.stop())));
    await Promise.all(services.map((s, i) => s.waitFor(ready[i]![1], READY_MS)));

    // An empty board shows "—", not 0: one ticket first, so the figure starts as a count.
    const seed = ticketEvent('WB-SEED', Date.now(), 'ticket.created', {
      priority: 'normal',
      channel: 'email',
      team: 'bench',
    });
    await producer.send({ topic, messages: [{ key: seed.subject, value: JSON.stringify(seed) }] });

    progress('launching headless Chromium');
    const before = new Set(childrenNamed(/chrom/i));
    const browser = await launchBrowser();
    undo.push(() => browser.close());
    const chromium = childrenNamed(/chrom/i).find((pid) => !before.has(pid)) ?? -1;
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const frames = new LiveFrames(page);
    await page.goto(`http://127.0.0.1:${port}/#token=${adminToken}`);
    await page.locator('select[name=window]').selectOption('1h');
    const volumeIn = new PageFigure(page, 'volumeIn');
    await volumeIn.waitForAny(15_000);
    await page.locator('[data-connection="live"]').waitFor({ state: 'attached', timeout: 15_000 });

    const [tracker, alerter, gateway] = services.map((s) => s.child.pid ?? -1);
    return {
      topic,
      producer,
      browser,
      page,
      volumeIn,
      frames,
      services,
      pids: {
        tracker: tracker!,
        alerter: alerter!,
        gateway: gateway!,
        chromium,
        redis: redis.pid,
        broker: broker.pid,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
