import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tempFiles } from './temp-files.js';

const file = tempFiles('slawatch-cli-range-');

const policies = file(
  'policies.yaml',
  `calendars:
  - id: office
    timezone: Europe/Berlin
    weekly: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
    holidays: ["--12-25", "--01-01"]
policies:
  - { id: all, calendar: office, targets: { firstResponse: 4h, resolution: 24h } }
`,
);

let n = 0;
const line = (subject: string, time: string, type = 'ticket.created', data: object = {}) =>
  JSON.stringify({
    specversion: '1.0',
    id: `e-${++n}`,
    source: 's',
    type,
    subject,
    time,
    data: type === 'ticket.created' ? { priority: 'high', channel: 'email' } : data,
  });

describe('slawatch simulate and the event-time range', () => {
  it('lists events dated 0001 and 9999 as rejected, with the range, and folds the rest', () => {
    const events = file(
      'hostile.ndjson',
      [
        line('OLD', '0001-01-01T00:00:00Z'),
        line('FAR', '9999-12-31T23:59:59Z'),
        line('OK', '2026-11-23T09:00:00Z'),
      ].join('\n'),
    );
    const r = runCli(['simulate', '-p', policies, '-e', events, '--compact']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as {
      tickets: { ticketId: string }[];
      rejected: { line: number; reason: string }[];
    };
    expect(result.tickets.map((t) => t.ticketId)).toEqual(['OK']);
    expect(result.rejected.map((x) => [x.line, x.reason])).toEqual([
      [
        1,
        'time: must be from 2000-01-01T00:00:00Z up to (not including) 2100-01-01T00:00:00Z, got "0001-01-01T00:00:00Z"',
      ],
      [
        2,
        'time: must be from 2000-01-01T00:00:00Z up to (not including) 2100-01-01T00:00:00Z, got "9999-12-31T23:59:59Z"',
      ],
    ]);
  });

  it('exits 2 on an --at outside the range, naming it', () => {
    const events = file('one.ndjson', line('OK', '2026-11-23T09:00:00Z'));
    const r = runCli(['simulate', '-p', policies, '-e', events, '--at', '9999-01-01T00:00:00Z']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--at must be from 2000-01-01T00:00:00Z up to (not including) 2100-01-01T00:00:00Z, got "9999-01-01T00:00:00Z"',
    );
  });

  it('still simulates a file larger than the HTTP limits (60,000 events, 30,000 tickets)', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const at = new Date(Date.UTC(2026, 0, 5, 8) + i * 60_000).toISOString();
      lines.push(line(`T-${i}`, at));
      lines.push(line(`T-${i}`, at, 'ticket.commented', { author: 'agent', public: true }));
    }
    // runCli keeps 1 MB of output; this prints ~25 MB.
    const bin = fileURLToPath(new URL('../bin/slawatch.js', import.meta.url));
    const big = file('big.ndjson', lines.join('\n'));
    const r = spawnSync(
      process.execPath,
      [bin, 'simulate', '-p', policies, '-e', big, '--compact'],
      {
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
        timeout: 50_000,
        env: { PATH: process.env.PATH ?? '' },
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { tickets: unknown[]; rejected: unknown[] };
    expect(result.tickets).toHaveLength(30_000);
    expect(result.rejected).toEqual([]);
  }, 60_000);
});
