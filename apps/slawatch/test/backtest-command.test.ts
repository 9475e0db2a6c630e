import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { loadServiceConfig } from '@slawatch/config';
import { freePort, uniqueGroupId } from '@slawatch/test';
import { topicWithEvents } from './topic-with-events.js';
import { startServices } from '../src/runtime/start-services.js';
import { runCli, runCliAsync } from './run-cli.js';
import { tempFiles } from './temp-files.js';

// `slawatch backtest` as a user runs it: the comparison itself is tested in core
// (compare-policies.test.ts); here, its inputs (file and topic), options and output.
const file = tempFiles('slawatch-backtest-');
const current = file(
  'current.yaml',
  `policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { firstResponse: 15m, resolution: 2h }
  - id: rest
    targets: { firstResponse: 1h }
`,
);
const candidate = file(
  'candidate.yaml',
  `policies:
  - id: urgent-relaxed
    match: { priority: [urgent] }
    targets: { firstResponse: 30m, resolution: 2h }
  - id: rest
    targets: { firstResponse: 1h }
`,
);

const event = (id: string, subject: string, time: string, type: string, data: object) =>
  JSON.stringify({ specversion: '1.0', id, source: 'test', type, subject, time, data });
const HISTORY = [
  event('1', 'A', '2026-11-23T09:00:00Z', 'ticket.created', {
    priority: 'urgent',
    channel: 'email',
    team: 'emea',
  }),
  event('2', 'A', '2026-11-23T09:20:00Z', 'ticket.commented', { author: 'agent', public: true }),
  event('3', 'B', '2026-11-23T09:00:00Z', 'ticket.created', {
    priority: 'normal',
    channel: 'chat',
    team: 'us',
  }),
  event('4', 'B', '2026-11-23T09:30:00Z', 'ticket.commented', { author: 'agent', public: true }),
  event('5', 'C', '2026-11-23T09:40:00Z', 'ticket.solved', {}),
];
const events = file('events.ndjson', `${HISTORY.join('\n')}\n`);

interface Report {
  from: string;
  until: string;
  tickets: number;
  rejected: number;
  byTeam: { value: string; clock: string; before: { breached: number }; after: { met: number } }[];
  changed: { ticketId: string; changes: { clock: string; before: string; after: string }[] }[];
}

/** `slawatch backtest` of the two documents over the file, with more arguments. */
const backtest = (...more: string[]) =>
  runCli(['backtest', '--current', current, '-p', candidate, '-e', events, ...more]);

describe('slawatch backtest', () => {
  it('compares the two documents over a file of events, as a table', () => {
    const r = backtest();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'backtest of ' +
        candidate +
        ': 2 tickets, outcomes from 2026-11-16T09:30:00.000Z until 2026-11-23T09:30:00.000Z',
    );
    expect(r.stdout).toMatch(
      /emea\s+firstResponse\s+0\.0% \(0 met, 1 breached\)\s+100\.0% \(1 met, 0 breached\)\s+\+100\.0 pt/,
    );
    expect(r.stdout).toMatch(
      /tickets whose outcomes change: 1\n.*\nA\s+emea\s+urgent\s+urgent -> urgent-relaxed\s+firstResponse#1 breached -> met/,
    );
    // The invalid line (an unknown type) is left out, and said so.
    expect(r.stderr).toContain('1 invalid events left out');
  });

  it('prints the report as JSON with --json, over the window asked for', () => {
    const r = backtest(
      '--json',
      '--since',
      '2026-11-23T09:10:00Z',
      '--until',
      '2026-11-23T12:00:00Z',
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report).toMatchObject({
      from: '2026-11-23T09:10:00.000Z',
      until: '2026-11-23T12:00:00.000Z',
      tickets: 2,
      rejected: 1,
    });
    expect(report.changed).toEqual([
      expect.objectContaining({
        ticketId: 'A',
        changes: [{ clock: 'firstResponse', cycle: 1, before: 'breached', after: 'met' }],
      }),
    ]);
  });

  it('names what is wrong: a bad span, an invalid document, no document in force, too many events', () => {
    const span = backtest('--from', '1w');
    expect(span.code).toBe(2);
    expect(span.stderr).toContain('--from: must be a span such as 90m, 12h or 7d, got "1w"');
    const bad = file('bad.yaml', 'policies:\n  - { id: x, targets: { periodicUpdate: soon } }\n');
    const invalid = runCli(['backtest', '--current', current, '-p', bad, '-e', events]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(`the candidate policy document "${bad}" is invalid`);
    expect(invalid.stderr).toContain('policies[0].targets.periodicUpdate');
    const none = runCli(['backtest', '-p', candidate, '-e', events]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--current: name the policy document in force');
    const far = backtest('--until', '9999-01-01T00:00:00Z');
    expect(far.code).toBe(2);
    expect(far.stderr).toContain('--until must be from 2000-01-01T00:00:00Z');
    const empty = runCli([
      'backtest',
      '--current',
      current,
      '-p',
      candidate,
      '-e',
      file('none.ndjson', ''),
    ]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('holds no valid event: give --until, or events');
    const many = backtest('--max-events', '3');
    expect(many.code).toBe(1);
    expect(many.stderr).toContain('the history holds more than 3 events (--max-events)');
  });

  describe('from the events topic', () => {
    const broker = topicWithEvents('backtest');
    afterAll(() => broker.close());

    it('reads the topic without joining the services’ group, and gives the file’s report', async () => {
      const topic = await broker.topicWith(HISTORY);
      const groupId = uniqueGroupId('backtest-services');
      const window = ['--since', '2026-11-23T00:00:00Z', '--until', '2026-11-23T12:00:00Z'];
      const r = await runCliAsync(['backtest', '-p', candidate, '--json', ...window], {
        SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
        SLAWATCH_TOPIC: topic,
        SLAWATCH_GROUP_ID: groupId,
        SLAWATCH_POLICIES: current,
      });
      expect(r.stderr).toContain('messages read');
      expect(r.code).toBe(0);
      const fromFile = backtest('--json', ...window);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(fromFile.stdout));
      // The services' group has no offsets: the backtest read in a group of its own and
      // committed nothing (librdkafka's mock broker cannot list groups).
      const admin = broker.kafka.admin();
      await admin.connect();
      const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
      await admin.disconnect();
      expect(offsets.flatMap((t) => t.partitions.map((p) => p.offset))).toEqual(
        expect.arrayContaining(['-1']),
      );
      expect(offsets.flatMap((t) => t.partitions).every((p) => p.offset === '-1')).toBe(true);
    });

    it('runs the same backtest as a gateway job over the topic, with the same report', async () => {
      const topic = await broker.topicWith(HISTORY);
      const port = await freePort();
      const loaded = loadServiceConfig({
        SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
        SLAWATCH_REDIS_URL: inject('redisUrl'),
        SLAWATCH_KEY_PREFIX: `bt-${Math.random().toString(36).slice(2, 10)}`,
        SLAWATCH_TOPIC: topic,
        SLAWATCH_GROUP_ID: uniqueGroupId('backtest-job'),
        SLAWATCH_POLICIES: current,
        SLAWATCH_HTTP_HOST: '127.0.0.1',
        SLAWATCH_HTTP_PORT: String(port),
        SLAWATCH_ADMIN_TOKEN: 'backtest-admin-token-0123',
        SLAWATCH_LOG_LEVEL: 'warn',
      });
      if (!loaded.ok) throw new Error(loaded.message);
      const services = await startServices(['gateway'], loaded.config);
      try {
        const api = `http://127.0.0.1:${port}/api/v1`;
        const headers = { authorization: 'Bearer backtest-admin-token-0123' };
        const started = await fetch(`${api}/backtest`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({
            policies: readFileSync(candidate, 'utf8'),
            since: '2026-11-23T00:00:00Z',
            until: '2026-11-23T12:00:00Z',
          }),
        });
        expect(started.status).toBe(202);
        const where = started.headers.get('location')!;
        const job = await vi.waitFor(
          async () => {
            const j = (await (
              await fetch(`http://127.0.0.1:${port}${where}`, { headers })
            ).json()) as {
              state: string;
              result?: unknown;
              progress: { stage: string; done: number; total: number };
            };
            if (j.state === 'running') throw new Error('still running');
            return j;
          },
          { timeout: 30_000, interval: 100 },
        );
        expect(job.state).toBe('done');
        expect(job.progress).toEqual(expect.objectContaining({ done: HISTORY.length }));
        const fromFile = backtest(
          '--json',
          '--since',
          '2026-11-23T00:00:00Z',
          '--until',
          '2026-11-23T12:00:00Z',
        );
        expect(job.result).toEqual(JSON.parse(fromFile.stdout));
      } finally {
        await services.stop();
      }
    }, 60_000);
  });
});
