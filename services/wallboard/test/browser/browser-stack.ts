import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import {
  deleteKeysByPrefix,
  freePort,
  isolatedRedis,
  quietKafka,
  uniqueGroupId,
  uniqueTopic,
} from '@slawatch/test';
import { launchBrowser } from '@slawatch/test/browser';
import { startGateway } from './gateway-process.js';
import { startService, type ServiceProcess } from './service-process.js';

export type Browser = Awaited<ReturnType<typeof launchBrowser>>;
export type Page = Awaited<ReturnType<Browser['newPage']>>;

/** Where the runs leave their screenshots (gitignored), beside the board's own. */
export const SCREENSHOTS = fileURLToPath(new URL('../../../../test/screenshots/', import.meta.url));

/** The line each service logs (at the info level) once it is ready. */
const READY = {
  tracker: 'tracker consuming',
  alerter: 'alerter waiting for deadlines',
} as const;

/** A service besides the gateway, for a test whose events must be folded into figures. */
export type StackService = keyof typeof READY;

/** An entry of `SLAWATCH_TOKENS`. */
export interface StackToken {
  readonly name: string;
  readonly token: string;
  readonly scopes: readonly string[];
  readonly teams?: readonly string[];
}

export interface StackOptions {
  /** Names the test's folder, Redis prefix, topics and consumer group, so runs never share them. */
  readonly name: string;
  /** The policy document in force. */
  readonly policies: string;
  readonly admin: string;
  readonly tokens: readonly StackToken[];
  /** Started beside the gateway, in this order. */
  readonly services: readonly StackService[];
}

/** An event as the tests produce it: keyed by its ticket, as the helpdesk bridge keys it. */
export interface StackEvent {
  readonly subject: string;
}

/**
 * Everything a browser test of the wallboard runs against, as an operator runs it: the
 * gateway (and, where asked, the tracker and alerter) as their own processes over the real
 * Redis and Kafka, with keys, topics and files of their own, all removed by {@link stop}.
 */
export class BrowserStack {
  private readonly dir: string;
  private readonly policyFile: string;
  // The gateway's keys are `<prefix>:…` and `{<prefix>:…}…`, removed after the test.
  private readonly prefix: string;
  private readonly redis: ReturnType<typeof isolatedRedis>;
  private readonly topic: string;
  private readonly producer: ReturnType<ReturnType<typeof quietKafka>['producer']>;
  private processes: ServiceProcess[] = [];
  private openBrowser: Browser | undefined;
  private address = '';

  constructor(private readonly options: StackOptions) {
    const { name } = options;
    this.dir = mkdtempSync(join(tmpdir(), `slawatch-${name}-`));
    this.policyFile = join(this.dir, 'policies.yaml');
    writeFileSync(this.policyFile, options.policies);
    this.prefix = `${name}-${randomBytes(4).toString('hex')}`;
    this.redis = isolatedRedis(inject('redisUrl'), name);
    this.topic = uniqueTopic(`${name}-events`);
    this.producer = quietKafka(inject('kafkaBrokers'), `${name}-test`).producer({
      allowAutoTopicCreation: true,
    });
  }

  /** The gateway's address; empty until {@link start}. */
  get base(): string {
    return this.address;
  }

  get browser(): Browser {
    if (this.openBrowser === undefined) throw new Error('openPage() first');
    return this.openBrowser;
  }

  /**
   * Produces the history, then starts the services and resolves once each has logged that
   * it is ready; the caller then waits for its own figures to be folded.
   */
  async start(history: readonly StackEvent[]): Promise<void> {
    await this.producer.connect();
    await this.produce(history);
    const port = await freePort();
    this.address = `http://127.0.0.1:${port}`;
    const { name } = this.options;
    const env = {
      SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      SLAWATCH_REDIS_URL: inject('redisUrl'),
      SLAWATCH_POLICIES: this.policyFile,
      SLAWATCH_TOPIC: this.topic,
      SLAWATCH_DLQ_TOPIC: uniqueTopic(`${name}-dlq`),
      SLAWATCH_ALERTS_TOPIC: uniqueTopic(`${name}-alerts`),
      SLAWATCH_GROUP_ID: uniqueGroupId(name),
      SLAWATCH_KEY_PREFIX: this.prefix,
      SLAWATCH_HTTP_HOST: '127.0.0.1',
      SLAWATCH_HTTP_PORT: String(port),
      SLAWATCH_ADMIN_TOKEN: this.options.admin,
      SLAWATCH_TOKENS: JSON.stringify(this.options.tokens),
      // info: the helpers wait for the ready lines.
      SLAWATCH_LOG_LEVEL: 'info',
    };
    this.processes = await Promise.all([
      ...this.options.services.map((s) => startService(s, READY[s], env)),
      startGateway(env),
    ]);
  }

  /** A browser, and a page of the given size in it; screenshots may be written after. */
  async openPage(viewport: { readonly width: number; readonly height: number }): Promise<Page> {
    this.openBrowser = await launchBrowser();
    const page = await this.openBrowser.newPage({ viewport });
    mkdirSync(SCREENSHOTS, { recursive: true });
    return page;
  }

  // Arrow functions, so that a test may take them out of the stack and call them alone.
  /** A route's JSON answer, read with `token` (the admin's by default). */
  readonly api = async <T = unknown>(path: string, token = this.options.admin): Promise<T> => {
    const res = await fetch(`${this.address}/api/v1/${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return (await res.json()) as T;
  };

  /** Events onto the topic the tracker and the gateway's backtests read. */
  readonly produce = async (events: readonly StackEvent[]): Promise<void> => {
    await this.producer.send({
      topic: this.topic,
      messages: events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    });
  };

  /** Stops what {@link start} started, gateway first, and removes what the test left. */
  async stop(): Promise<void> {
    await this.openBrowser?.close();
    for (const p of [...this.processes].reverse()) await p.stop();
    await this.producer.disconnect();
    const raw = this.redis.client.duplicate({ keyPrefix: '' });
    await deleteKeysByPrefix(raw, `${this.prefix}:`);
    await deleteKeysByPrefix(raw, `{${this.prefix}:`);
    raw.disconnect();
    await this.redis.cleanup();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
