import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tempFiles } from './temp-files.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const file = tempFiles('slawatch-cli-');

const policies = file(
  'policies.yaml',
  `policies:\n  - id: urgent\n    match: { priority: urgent }\n    targets: { firstResponse: 15m }\n`,
);
const created = JSON.stringify({
  specversion: '1.0',
  id: '1',
  source: 's',
  type: 'ticket.created',
  subject: 'T-1',
  time: '2026-11-23T09:00:00Z',
  data: { priority: 'urgent', channel: 'chat' },
});

describe('the slawatch command', () => {
  it('prints help listing its commands', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: slawatch');
    expect(r.stdout).toMatch(/simulate \[options\]/);
  });

  it('prints its version', () => {
    expect(runCli(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('fails with a clear message and exit code 2 on an unknown command', () => {
    const r = runCli(['simulat']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'simulat'");
    expect(r.stderr).toContain('simulate');
  });
});

describe('slawatch simulate', () => {
  it('prints the ticket views as of the latest event', () => {
    const events = file('one.ndjson', `${created}\n`);
    const r = runCli(['simulate', '--policies', policies, '--events', events]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      at: '2026-11-23T09:00:00Z',
      rejected: [],
      tickets: [
        {
          ticketId: 'T-1',
          policy: 'urgent',
          status: 'new',
          clocks: [
            expect.objectContaining({
              kind: 'firstResponse',
              state: 'running',
              deadline: '2026-11-23T09:15:00Z',
            }),
          ],
        },
      ],
    });
  });

  it('evaluates the clocks as of --at', () => {
    const events = file('at.ndjson', `${created}\n`);
    const r = runCli([
      'simulate',
      '-p',
      policies,
      '-e',
      events,
      '--at',
      '2026-11-23T09:20:00Z',
      '--compact',
    ]);
    const doc = JSON.parse(r.stdout) as {
      tickets: { clocks: { state: string; spentSeconds: number }[] }[];
    };
    expect(doc.tickets[0]!.clocks[0]).toMatchObject({ state: 'breached', spentSeconds: 1200 });
  });

  it('reads events from standard input with "-"', () => {
    const r = runCli(['simulate', '-p', policies, '-e', '-'], `${created}\n`);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { tickets: unknown[] }).tickets).toHaveLength(1);
  });

  it('lists invalid events under "rejected" without failing', () => {
    const events = file('bad.ndjson', `${created}\n\nnot json\n{"specversion":"1.0"}\n`);
    const r = runCli(['simulate', '-p', policies, '-e', events]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      rejected: { index: number; line: number; reason: string }[];
    };
    expect(doc.rejected.map((x) => [x.index, x.line])).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(doc.rejected[0]!.reason).toMatch(/^not valid JSON/);
    expect(doc.rejected[1]!.reason).toContain('id: is required');
    expect(r.stderr).toContain('2 of 3 events rejected');
  });

  it('exits 2 naming the file when a file cannot be read', () => {
    const r = runCli(['simulate', '-p', policies, '-e', join(dirname(policies), 'missing.ndjson')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `cannot read the events file "${join(dirname(policies), 'missing.ndjson')}": no such file`,
    );
    expect(r.stdout).toBe('');
  });

  it('exits 2 listing every problem of an invalid policy document', () => {
    const bad = file(
      'bad.yaml',
      'policies:\n  - id: x\n    targets: { resolution: 1d }\n    warnAt: [2]\n',
    );
    const r = runCli(['simulate', '-p', bad, '-e', file('e.ndjson', created)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('policies[0].targets.resolution: days are ambiguous');
    expect(r.stderr).toContain('policies[0].warnAt[0]: must be a fraction');
  });

  it('exits 2 on a bad --at and on missing options', () => {
    expect(
      runCli(['simulate', '-p', policies, '-e', file('x.ndjson', created), '--at', 'noon']),
    ).toMatchObject({ code: 2 });
    const r = runCli(['simulate', '-p', policies]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '-e, --events <file>' not specified");
  });
});
