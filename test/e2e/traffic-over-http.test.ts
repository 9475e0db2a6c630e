import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  Collector,
  freePort,
  quietKafka,
  testConsumer,
  uniqueGroupId,
  uniqueTopic,
  withTimeout,
} from '../harness/index.js';
import { startService, waitForOutput, type ServiceProcess } from './support/service-process.js';

const bin = fileURLToPath(new URL('../../apps/slawatch/bin/slawatch.js', import.meta.url));
const INGEST = 'ingest-secret-0123456789';
// 20 simulated minutes at 600x: two seconds of real time, a few hundred events.
const FLOOR = ['--rate', '2', '--duration', '20m', '--speed', '600', '--seed', '5'];
const START = ['--start', '2026-12-01T09:00:00Z'];

/** Runs the CLI without blocking this process (the gateway it talks to runs apart anyway). */
function cli(args: readonly string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stderr: () => stderr };
}

// The demo's SLAWATCH_DEMO_INGEST=http path: simulate-traffic posting to a running
// gateway's POST /api/v1/events puts on the topic exactly what it would print.
describe('slawatch simulate-traffic --http', () => {
  const topic = uniqueTopic('traffic-http');
  const kafka = quietKafka(inject('kafkaBrokers'), 'traffic-http-test');
  const received = new Collector<string>();
  const consumer = testConsumer(kafka, uniqueGroupId('traffic-http'));
  let gateway: ServiceProcess | undefined;
  let base = '';

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slawatch-traffic-http-'));
    writeFileSync(
      join(dir, 'policies.yaml'),
      'policies:\n  - id: all\n    targets: { firstResponse: 1h }\n',
    );
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    gateway = startService('gateway', {
      SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      SLAWATCH_REDIS_URL: inject('redisUrl'),
      SLAWATCH_POLICIES: join(dir, 'policies.yaml'),
      SLAWATCH_TOPIC: topic,
      SLAWATCH_KEY_PREFIX: `trh-${Math.random().toString(36).slice(2, 8)}`,
      SLAWATCH_HTTP_HOST: '127.0.0.1',
      SLAWATCH_HTTP_PORT: String(port),
      SLAWATCH_TOKENS: JSON.stringify([{ name: 'floor', token: INGEST, scopes: ['ingest'] }]),
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        received.push(message.value!.toString());
        return Promise.resolve();
      },
    });
    await waitForOutput(gateway, 'gateway listening', 15_000);
  });
  afterAll(async () => {
    gateway?.child.kill('SIGTERM');
    await consumer.disconnect();
  });

  it('puts on the topic every event --dry-run prints for the same seed and start', async () => {
    const printed = spawnSync(
      process.execPath,
      [bin, 'simulate-traffic', '--dry-run', ...FLOOR, ...START],
      {
        encoding: 'utf8',
      },
    );
    expect(printed.status).toBe(0);
    const expected = printed.stdout.split('\n').filter((l) => l !== '');
    expect(expected.length).toBeGreaterThan(50);

    const run = cli(['simulate-traffic', '--http', base, ...FLOOR, ...START], {
      SLAWATCH_INGEST_TOKEN: INGEST,
    });
    expect(await withTimeout(run.code, 30_000, 'the simulator to finish')).toBe(0);
    expect(run.stderr()).toContain(`done: ${expected.length} events`);
    const got = await received.waitFor(expected.length, 10_000);
    // Keys spread events over partitions: the same events, each in its ticket's order.
    const parse = (l: string) => JSON.parse(l) as { id: string; subject: string };
    expect(
      got
        .map(parse)
        .map((e) => e.id)
        .sort(),
    ).toEqual(
      expected
        .map(parse)
        .map((e) => e.id)
        .sort(),
    );
    const order = (lines: string[], subject: string) =>
      lines
        .map(parse)
        .filter((e) => e.subject === subject)
        .map((e) => e.id);
    const subject = parse(expected[0]!).subject;
    expect(order(got, subject)).toEqual(order(expected, subject));
  });

  it('ends with exit code 1 when the gateway refuses the token, and says so', async () => {
    const run = cli([
      'simulate-traffic',
      '--http',
      base,
      ...FLOOR,
      ...START,
      '--token',
      'not-a-token-at-all',
    ]);
    expect(await withTimeout(run.code, 30_000, 'the simulator to give up')).toBe(1);
    expect(run.stderr()).toContain('the gateway refused the token (401)');
  });
});
