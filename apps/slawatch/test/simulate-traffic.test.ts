import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { validateEvent } from '@slawatch/core';
import {
  Collector,
  quietKafka,
  testConsumer,
  uniqueGroupId,
  uniqueTopic,
  withTimeout,
} from '@slawatch/test';
import { runCli } from './run-cli.js';

const bin = fileURLToPath(new URL('../bin/slawatch.js', import.meta.url));
const demoPolicies = fileURLToPath(
  new URL('../../../packages/traffic/demo-policies.yaml', import.meta.url),
);
const dir = mkdtempSync(join(tmpdir(), 'slawatch-traffic-'));

const lines = (stdout: string) => stdout.split('\n').filter((l) => l !== '');

// 30 simulated seconds at 60x: half a second of real time.
const dryRun = [
  'simulate-traffic',
  '--dry-run',
  '--duration',
  '30s',
  '--speed',
  '60',
  '--seed',
  '1',
  '--start',
  '2026-11-24T10:00:00Z',
];

describe('slawatch simulate-traffic --dry-run', () => {
  let run: ReturnType<typeof runCli>;
  beforeAll(() => {
    run = runCli(dryRun);
  });

  it('prints contract-valid NDJSON and says which seed it used', () => {
    expect(run.code).toBe(0);
    const events = lines(run.stdout).map((l) => JSON.parse(l) as unknown);
    expect(events.length).toBeGreaterThan(100);
    for (const event of events) expect(validateEvent(event)).toMatchObject({ ok: true });
    expect(run.stderr).toContain('seed 1');
    expect(run.stderr).toMatch(/done: \d+ events/);
  });

  it('prints the same events for the same seed and start', () => {
    expect(runCli(dryRun).stdout).toBe(run.stdout);
  });

  it('picks a random seed when none is given, and prints it', () => {
    const r = runCli(['simulate-traffic', '--dry-run', '--duration', '10s', '--speed', '60']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/seed \d+/);
  });

  it('produces events that slawatch simulate folds under the demo policies', () => {
    const events = join(dir, 'traffic.ndjson');
    writeFileSync(events, run.stdout);
    const r = runCli(['simulate', '--policies', demoPolicies, '--events', events, '--compact']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      rejected: unknown[];
      tickets: { clocks: { state: string; atRisk: number | null }[] }[];
    };
    expect(doc.rejected).toEqual([]);
    const clocks = doc.tickets.flatMap((t) => t.clocks);
    expect(clocks.some((c) => c.state === 'breached')).toBe(true);
    expect(clocks.some((c) => c.atRisk !== null)).toBe(true);
  });

  it('writes to a file with --out', () => {
    const out = join(dir, 'out.ndjson');
    // The dry run's options, writing to a file instead.
    const r = runCli([...dryRun.filter((a) => a !== '--dry-run'), '--out', out]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const written = runCli(['simulate', '--policies', demoPolicies, '--events', out, '--compact']);
    expect(written.code).toBe(0);
  });

  it('stops gracefully on SIGINT, exiting 0', async () => {
    const child = spawn(process.execPath, [bin, 'simulate-traffic', '--dry-run', '--rate', '5'], {
      env: { PATH: process.env.PATH ?? '' },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const firstOutput = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await withTimeout(firstOutput, 10_000, 'the first events');
    child.kill('SIGINT');
    expect(await withTimeout(exited, 10_000, 'the simulator to stop')).toBe(0);
    expect(stderr).toContain('SIGINT: stopping');
    expect(stderr).toMatch(/done: \d+ events/);
    for (const line of lines(stdout))
      expect(validateEvent(JSON.parse(line))).toMatchObject({ ok: true });
  });
});

describe('slawatch simulate-traffic options', () => {
  it('names every invalid option at once, with exit code 2', () => {
    const r = runCli([
      'simulate-traffic',
      '--rate',
      '0',
      '--speed',
      'fast',
      '--seed',
      '-1',
      '--backlog',
      '1.5',
      '--duration',
      'soon',
      '--start',
      'noon',
      '--topic',
      'bad topic',
      '--brokers',
      'nohost',
    ]);
    expect(r.code).toBe(2);
    for (const option of [
      '--rate',
      '--speed',
      '--seed',
      '--backlog',
      '--duration',
      '--start',
      '--topic',
      '--brokers',
    ])
      expect(r.stderr).toContain(`  - ${option}: `);
    expect(r.stdout).toBe('');
  });

  it('needs brokers unless it prints', () => {
    const r = runCli(['simulate-traffic', '--duration', '1m']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--brokers: is required (or SLAWATCH_KAFKA_BROKERS)');
  });

  it('refuses --dry-run together with --out', () => {
    const r = runCli(['simulate-traffic', '--dry-run', '--out', join(dir, 'x.ndjson')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--out <file>' cannot be used with option '--dry-run'");
  });

  it('exits 1 naming the brokers when Kafka is unreachable', () => {
    const r = runCli(['simulate-traffic', '--duration', '1m'], undefined, {
      SLAWATCH_KAFKA_BROKERS: '127.0.0.1:1',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot connect to Kafka at 127.0.0.1:1');
  });
});

describe('slawatch simulate-traffic against Kafka', () => {
  const brokers = inject('kafkaBrokers');
  const kafka = quietKafka(brokers, 'simulate-traffic-test');
  const consumer = testConsumer(kafka, uniqueGroupId('simulate-traffic'));
  afterAll(() => consumer.disconnect());

  it('produces events keyed by ticket that a consumer reads back', async () => {
    const topic = uniqueTopic('simulate-traffic');
    const r = runCli(
      [
        'simulate-traffic',
        '--topic',
        topic,
        '--rate',
        '5',
        '--backlog',
        '20',
        '--duration',
        '1m',
        '--speed',
        '30',
        '--seed',
        '7',
      ],
      undefined,
      { SLAWATCH_KAFKA_BROKERS: brokers.join(',') },
    );
    expect(r.code).toBe(0);
    const sent = Number(/done: (\d+) events/.exec(r.stderr)?.[1]);
    expect(sent).toBeGreaterThan(0);

    const received = new Collector<{ key: string; value: unknown }>();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        received.push({
          key: message.key?.toString() ?? '',
          value: JSON.parse(message.value?.toString() ?? 'null') as unknown,
        });
        return Promise.resolve();
      },
    });
    const messages = await received.waitFor(sent, 30_000, `${sent} events from ${topic}`);
    expect(messages).toHaveLength(sent);
    for (const m of messages) {
      const v = validateEvent(m.value);
      expect(v).toMatchObject({ ok: true });
      if (v.ok) expect(m.key).toBe(v.event.subject);
    }
  });
});
