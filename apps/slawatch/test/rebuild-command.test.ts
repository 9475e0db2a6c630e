import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ProgressBar } from '../src/runtime/progress-bar.js';
import { runCli } from './run-cli.js';

// The replay itself is tested against real processes in test/faults/rebuild.test.ts.
describe('slawatch rebuild', () => {
  it('refuses a --from that is not an RFC 3339 time, naming the option', () => {
    const r = runCli(['rebuild', '--from', 'yesterday']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from: must be an RFC 3339 time');
    expect(r.stderr).toContain('"yesterday"');
  });

  it('refuses a bad configuration, listing the problems', () => {
    const r = runCli(['rebuild'], undefined, { SLAWATCH_TOPIC: 'bad topic' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SLAWATCH_KAFKA_BROKERS: is required');
    expect(r.stderr).toContain('SLAWATCH_TOPIC: must be a Kafka topic name');
  });

  it('says so when the events topic does not exist, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slawatch-rebuild-'));
    writeFileSync(join(dir, 'p.yaml'), 'policies:\n  - { id: all, targets: { resolution: 1h } }\n');
    const r = runCli(['rebuild'], undefined, {
      SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      SLAWATCH_REDIS_URL: inject('redisUrl'),
      SLAWATCH_POLICIES: join(dir, 'p.yaml'),
      SLAWATCH_TOPIC: `no-such-topic-${Date.now()}`,
    });
    expect(r.stderr).toMatch(/rebuild failed: topic "no-such-topic-\d+" does not exist/);
    expect(r.code).toBe(1);
  });
});

describe('the progress bar', () => {
  const capture = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, stream: { isTTY, write: (t: string) => out.push(t) } };
  };

  it('prints a plain line at most every 5 s off a terminal, and the final figures', () => {
    let now = 0;
    const { out, stream } = capture(false);
    const bar = new ProgressBar(stream, 'messages', () => now);
    bar.update(0, 200);
    now = 1_000;
    bar.update(50, 200);
    now = 5_000;
    bar.update(100, 200);
    bar.done(200, 200);
    expect(out).toEqual([
      '  0% 0/200 messages\n',
      ' 50% 100/200 messages\n',
      '100% 200/200 messages\n',
    ]);
  });

  it('redraws one line in place on a terminal', () => {
    const { out, stream } = capture(true);
    const bar = new ProgressBar(stream, 'messages', () => 0);
    bar.update(0, 4);
    bar.done(2, 4);
    expect(out).toEqual([
      `\r[${'-'.repeat(30)}]   0% 0/4 messages`,
      `\r[${'#'.repeat(15)}${'-'.repeat(15)}]  50% 2/4 messages`,
      '\n',
    ]);
  });
});
