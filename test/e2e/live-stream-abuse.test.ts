import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_METRICS_SETTINGS } from '@slawatch/core';
import { createKeys, MetricWindows, type MetricUpdate } from '@slawatch/store';
import { deleteKeysByPrefix, freePort, uniqueGroupId, uniqueTopic } from '../harness/index.js';
import { startService, type ServiceProcess } from './support/service-process.js';

/**
 * Websocket abuse against a real `slawatch run gateway` process with its default limits,
 * over a Redis holding 20,000 breaches: re-subscribe storms, floods, slow readers and 1,000
 * connections from one token. Each phase asserts that the limits engage, that /healthz
 * (probed from a process of its own, so the test's own work does not count) keeps
 * answering, and that the heap stays under a generous bound; it prints the gateway's RSS,
 * heap and event-loop delay, for docs/reliability.md.
 */

const READER = 'abuse-reader-0123456789';
const SMALL_TEAM = 'abuse-small-team-0123456789';
const WITNESS = 'abuse-witness-0123456789';
const BIG = 20_000;
const SMALL = 50;
const MB = 1024 * 1024;
/**
 * The report saw /healthz stall 2.9 s, then the process die. Inside the gateway, the
 * event-loop delay under these phases is a few hundred ms on a 2-core machine that the
 * rest of the suite shares (load average 6-13 when measured): the bound leaves room for
 * that contention, not for a stall.
 */
const HEALTHZ_BOUND_MS = 2_000;
const HEAP_BOUND_BYTES = 300 * MB;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const breaches = (limit: number, sinceMinutes = 1440) => ({
  kind: 'breaches',
  sinceMinutes,
  limit,
});
const subscribe = (id: string, view: object) => JSON.stringify({ type: 'subscribe', id, view });

/** A websocket of the test: what it got, and how it closed. */
class Socket {
  readonly messages: { type: string; id?: string; message?: string; data?: unknown }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Resolves once open; rejects if the upgrade is refused. */
  readonly opened: Promise<void>;
  closeCode: number | null = null;

  constructor(
    readonly ws: WebSocket,
    keep = true,
  ) {
    ws.on('message', (data: Buffer) => {
      if (keep) this.messages.push(JSON.parse(data.toString()) as Socket['messages'][number]);
    });
    ws.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        this.closeCode = code;
        resolve({ code, reason: reason.toString() });
      }),
    );
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused: ${response.statusCode}`)),
      );
    });
  }

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  errors() {
    return this.messages.filter((m) => m.type === 'error');
  }

  /** Sends as long as the socket is open, yielding to the event loop every `chunk`. */
  async sendAll(messages: Iterable<string>, chunk = 500): Promise<number> {
    let sent = 0;
    for (const message of messages) {
      if (!this.open) break;
      this.ws.send(message);
      if (++sent % chunk === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return sent;
  }
}

/** /healthz, probed every 100 ms by a child process, its latencies read line by line. */
function startProber(url: string) {
  const script = `
    const url = process.argv[1];
    (async () => {
      for (;;) {
        const t0 = performance.now();
        let ok = false;
        try { ok = (await fetch(url, { signal: AbortSignal.timeout(10000) })).ok; } catch {}
        console.log(JSON.stringify({ ms: performance.now() - t0, ok }));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();`;
  const child = spawn(process.execPath, ['-e', script, url], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const latencies: { ms: number; ok: boolean }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) =>
    latencies.push(JSON.parse(line) as { ms: number; ok: boolean }),
  );
  return { latencies, stop: () => child.kill('SIGTERM') };
}

interface Figures {
  readonly phase: string;
  readonly rssPeakMB: number;
  readonly rssEndMB: number;
  readonly heapUsedEndMB: number;
  readonly healthzMaxMs: number;
  /** The gateway's own event-loop delay, most over the phase (its /metrics). */
  readonly loopDelayMaxMs: number;
  readonly healthzProbes: number;
  readonly seconds: number;
}

describe('the live stream under abuse, against a real gateway process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slawatch-abuse-'));
  const policyFile = join(dir, 'policies.yaml');
  writeFileSync(policyFile, 'policies:\n  - id: all\n    targets: { firstResponse: 1h }\n');
  const prefix = `abuse-${Math.random().toString(36).slice(2, 8)}`;
  const keys = createKeys(prefix);
  const redis = new Redis(inject('redisUrl'));
  const windows = new MetricWindows(redis, keys, DEFAULT_METRICS_SETTINGS);
  const NOW = Date.now();
  let gateway: ServiceProcess;
  let port = 0;
  let prober: ReturnType<typeof startProber>;
  let witness: Socket;
  const figures: Figures[] = [];
  const sockets: Socket[] = [];

  const connect = (token: string, keep = true) => {
    const s = new Socket(
      new WebSocket(`ws://127.0.0.1:${port}/api/v1/live`, {
        headers: { authorization: `Bearer ${token}` },
      }),
      keep,
    );
    sockets.push(s);
    return s;
  };
  /** The most event-loop delay /metrics reported since `loopDelayMax` was reset. */
  let loopDelayMax = 0;
  const metrics = async () => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    // Each scrape reports the delay since the last one.
    loopDelayMax = Math.max(loopDelayMax, value('nodejs_eventloop_lag_max_seconds'));
    return {
      heapUsed: value('nodejs_heap_size_used_bytes'),
      dropped: value('slawatch_websocket_clients_dropped_total'),
      clients: value('slawatch_websocket_clients'),
    };
  };
  const rss = () =>
    Number(
      /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${gateway.child.pid}/status`, 'utf8'))![1],
    ) * 1024;

  /** Runs a phase while sampling the gateway's RSS; asserts /healthz and the heap after. */
  async function phase(name: string, run: () => Promise<void>): Promise<void> {
    await metrics();
    loopDelayMax = 0;
    const started = performance.now();
    const from = prober.latencies.length;
    let peak = rss();
    const sampler = setInterval(() => (peak = Math.max(peak, rss())), 50);
    try {
      await run();
    } finally {
      clearInterval(sampler);
    }
    // The probes of the phase's last moments.
    await sleep(300);
    const probes = prober.latencies.slice(from);
    const { heapUsed } = await metrics();
    const f: Figures = {
      phase: name,
      rssPeakMB: Math.round(peak / MB),
      rssEndMB: Math.round(rss() / MB),
      heapUsedEndMB: Math.round(heapUsed / MB),
      healthzMaxMs: Math.round(Math.max(...probes.map((p) => p.ms))),
      loopDelayMaxMs: Math.round(loopDelayMax * 1000),
      healthzProbes: probes.length,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
    figures.push(f);
    console.log(`live-stream abuse: ${JSON.stringify(f)}`);
    expect(probes.length, `/healthz probed during "${name}"`).toBeGreaterThan(0);
    expect(probes.every((p) => p.ok)).toBe(true);
    expect(f.healthzMaxMs, `/healthz during "${name}"`).toBeLessThan(HEALTHZ_BOUND_MS);
    expect(heapUsed, `heap after "${name}"`).toBeLessThan(HEAP_BOUND_BYTES);
  }

  const closeAll = async () => {
    const open = sockets.splice(0).filter((s) => s !== witness);
    for (const s of open) s.ws.terminate();
    await Promise.all(open.map((s) => s.closed));
    sockets.push(witness);
  };

  let newest = 0;
  /** A breach newer than all others, on every breach view, announced by a delta. */
  async function newBreach(): Promise<string> {
    const id = `NEW-${++newest}`;
    await windows.apply([update(id, 'big')], NOW);
    await redis.zadd(keys.breaches, Date.now(), `${id}|firstResponse|1`);
    const at = new Date().toISOString();
    await redis.publish(
      keys.deltas,
      JSON.stringify({ at, publishedAt: at, tickets: [], alerts: [] }),
    );
    return id;
  }
  const update = (ticketId: string, team: string): MetricUpdate => ({
    ticketId,
    version: 1,
    metrics: {
      dims: ['*', team, 'billing', 'urgent', 'email', 'vip', 'all', 'ana'],
      facts: [],
      gauges: [],
      contact: null,
    },
    ttlMs: 0,
  });

  beforeAll(async () => {
    // 20,000 breaches of team "big" (the newest), then 50 of team "small".
    const ids = (n: number, name: string) => Array.from({ length: n }, (_, i) => `${name}-${i}`);
    for (let i = 0; i < BIG; i += 2_000)
      await windows.apply(
        ids(BIG, 'BIG')
          .slice(i, i + 2_000)
          .map((id) => update(id, 'big')),
        NOW,
      );
    await windows.apply(
      ids(SMALL, 'SMALL').map((id) => update(id, 'small')),
      NOW,
    );
    const p = redis.pipeline();
    ids(BIG, 'BIG').forEach((id, i) =>
      p.zadd(keys.breaches, NOW - 60_000 - i * 1000, `${id}|resolution|1`),
    );
    ids(SMALL, 'SMALL').forEach((id, i) =>
      p.zadd(keys.breaches, NOW - 60_000 - (BIG + i) * 1000, `${id}|resolution|1`),
    );
    await p.exec();

    port = await freePort();
    gateway = startService('gateway', {
      SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      SLAWATCH_REDIS_URL: inject('redisUrl'),
      SLAWATCH_POLICIES: policyFile,
      SLAWATCH_TOPIC: uniqueTopic('abuse-events'),
      SLAWATCH_GROUP_ID: uniqueGroupId('abuse'),
      SLAWATCH_KEY_PREFIX: prefix,
      SLAWATCH_HTTP_HOST: '127.0.0.1',
      SLAWATCH_HTTP_PORT: String(port),
      SLAWATCH_TOKENS: JSON.stringify([
        { name: 'reader', token: READER, scopes: ['read'] },
        { name: 'small team', token: SMALL_TEAM, scopes: ['read'], teams: ['small'] },
        { name: 'witness', token: WITNESS, scopes: ['read'] },
      ]),
      // Every socket here comes from 127.0.0.1: the per-address HTTP limit is not under test.
      SLAWATCH_RATE_LIMIT: '1000000',
      SLAWATCH_LOG_LEVEL: 'warn',
    });
    await waitUntilHealthy();
    prober = startProber(`http://127.0.0.1:${port}/healthz`);
    // A wallboard of its own token, subscribed throughout.
    witness = connect(WITNESS);
    await witness.opened;
    witness.ws.send(subscribe('metrics', { kind: 'metrics', window: '1h' }));
    witness.ws.send(subscribe('trend', { kind: 'trend', window: '1h' }));
    witness.ws.send(subscribe('atRisk', { kind: 'atRisk', limit: 50, paused: true }));
    witness.ws.send(subscribe('breaches', breaches(30)));
    await until(() => witness.messages.filter((m) => m.type === 'snapshot').length === 4, 10_000);
  }, 120_000);

  async function waitUntilHealthy() {
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`the gateway never answered /healthz:\n${gateway.output()}`);
  }

  async function until(condition: () => boolean, ms: number, what = 'a condition') {
    const end = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
      await sleep(20);
    }
  }

  afterAll(async () => {
    prober?.stop();
    for (const s of sockets) s.ws.terminate();
    gateway?.child.kill('SIGTERM');
    await gateway?.exited;
    await deleteKeysByPrefix(redis, prefix);
    await deleteKeysByPrefix(redis, `{${prefix}:`);
    await redis.quit();
    console.log(`live-stream abuse figures:\n${figures.map((f) => JSON.stringify(f)).join('\n')}`);
  });

  it('stays responsive and bounded through storms, floods, slow readers and 1,000 connections of one token', async () => {
    await phase('idle, 20,000 breaches, one wallboard', () => sleep(1_000));

    // The report's attack: 12,000 re-subscriptions (about 1.2 MB) on each of 10 sockets.
    await phase('re-subscribe storm: 10 sockets x 12,000 messages', async () => {
      const storm = Array.from({ length: 10 }, () => connect(READER));
      await Promise.all(storm.map((s) => s.opened));
      const sent = await Promise.all(
        storm.map((s) =>
          s.sendAll(
            (function* () {
              for (let i = 0; i < 12_000; i++) yield subscribe('x', breaches(1 + (i % 1000)));
            })(),
          ),
        ),
      );
      const closes = await Promise.all(storm.map((s) => s.closed));
      expect(closes.every((c) => c.code === 4029)).toBe(true);
      expect(Math.min(...sent)).toBeLessThan(12_000);
      for (const s of storm) {
        expect(s.errors()).toHaveLength(40);
        expect(s.errors()[0]!.message).toBe(
          'too many messages: at most 10 a second (bursts of 40); this one was not read',
        );
      }
    });
    await closeAll();

    await phase('invalid-message flood: 20 sockets x 50,000 messages', async () => {
      const flood = Array.from({ length: 20 }, () => connect(READER, false));
      await Promise.all(flood.map((s) => s.opened));
      await Promise.all(
        flood.map((s) =>
          s.sendAll(
            (function* () {
              for (let i = 0; i < 50_000; i++) yield 'not json';
            })(),
          ),
        ),
      );
      const closes = await Promise.all(flood.map((s) => s.closed));
      expect(closes.every((c) => c.code === 4029)).toBe(true);
    });
    await closeAll();

    // At the allowed rate, each socket replaces its view 9 times a second: 99 sockets of one
    // token and 20 of a team-limited one. Each view is the costliest read for what it sends:
    // a team whose breaches are all older than 20,000 others, so every read examines the
    // scan limit's 5,000 entries and finds none.
    await phase(
      'paced re-subscribe storm: 119 sockets at the allowed rate for 5 s, 5,000-entry scans',
      async () => {
        const paced = [
          ...Array.from({ length: 99 }, () => connect(READER, false)),
          ...Array.from({ length: 20 }, () => connect(SMALL_TEAM, false)),
        ];
        await Promise.all(paced.map((s) => s.opened));
        for (let round = 0; round < 45; round++) {
          paced.forEach((s, i) =>
            s.ws.send(
              subscribe('x', { ...breaches(1000, 1000 + ((round + i) % 5000)), team: ['small'] }),
            ),
          );
          await sleep(110);
        }
        await sleep(1_000);
        expect(paced.every((s) => s.open)).toBe(true);
      },
    );
    await closeAll();

    await phase('slow readers: 10 sockets x 4 big views, never read', async () => {
      const { dropped } = await metrics();
      const slow = Array.from({ length: 10 }, () => connect(READER));
      await Promise.all(slow.map((s) => s.opened));
      slow.forEach((s, i) => {
        for (let v = 0; v < 4; v++) s.ws.send(subscribe(`v${v}`, breaches(1000, 2000 + i * 4 + v)));
      });
      await sleep(500);
      for (const s of slow) (s.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      // Every view changes every 500 ms until the gateway has dropped them all.
      const end = Date.now() + 90_000;
      while ((await metrics()).dropped < dropped + 10) {
        if (Date.now() > end) throw new Error('the slow readers were never dropped');
        await newBreach();
        await sleep(500);
      }
      for (const s of slow) (s.ws as unknown as { _socket: { resume(): void } })._socket.resume();
      // The close frame (4008) waits behind what the client never read: a socket still not
      // taking it after closeGraceMs is cut (1006 on this side).
      const closes = await Promise.all(slow.map((s) => s.closed));
      expect(closes.every((c) => c.code === 4008 || c.code === 1006)).toBe(true);
    });
    await closeAll();

    await phase('1,000 connections of one token, idle', async () => {
      const idle: Socket[] = [];
      for (let i = 0; i < 1_000; i += 50) {
        const batch = Array.from({ length: 50 }, () => connect(READER, false));
        idle.push(...batch);
        await Promise.all(batch.map((s) => s.opened.catch(() => undefined)));
      }
      await until(
        () => idle.filter((s) => s.closeCode === 4030).length === 900,
        20_000,
        '900 refusals',
      );
      await sleep(2_000);
      expect(idle.filter((s) => s.open)).toHaveLength(100);
      expect((await metrics()).clients).toBe(101);
    });
    await closeAll();

    await phase('after the abuse: 10 s with the wallboard alone', () => sleep(10_000));

    // The wallboard of another token was served throughout, and still is.
    expect(witness.open).toBe(true);
    expect(witness.errors()).toEqual([]);
    const top = await newBreach();
    await until(
      () =>
        witness.messages.some(
          (m) =>
            m.id === 'breaches' &&
            (m.data as { breaches: { ticketId: string }[] }).breaches[0]?.ticketId === top,
        ),
      5_000,
      "the witness's update",
    );
  }, 300_000);
});
