import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  Collector,
  quietKafka,
  testConsumer,
  uniqueGroupId,
  uniqueTopic,
  withTimeout,
} from '@slawatch/test';
import { validateEvent, type TicketEvent } from '@slawatch/core';
import { FakeZendesk } from './fake-zendesk.js';
import { runCliAsync } from './run-cli.js';
import {
  EXPECTED,
  expectedEvents,
  expectValid,
  fixture,
  ndjson,
  pages,
  tempPath,
} from './zendesk-export-fixtures.js';

const bin = fileURLToPath(new URL('../bin/slawatch.js', import.meta.url));

const TOKEN = 'tok-3f9a-never-printed';
const auth = ['--email', 'admin@acme.test', '--token-env', 'ZD_TOKEN'];
const authEnv = { ZD_TOKEN: TOKEN };

describe('slawatch import zendesk from the API', () => {
  const zendesk = new FakeZendesk();
  beforeEach(() => zendesk.start());
  afterEach(() => zendesk.stop());
  const api = (...more: string[]) => [
    'import',
    'zendesk',
    '--base-url',
    zendesk.base,
    '--subdomain',
    'acme',
    ...auth,
    ...more,
  ];

  it('follows next_page to the end of the stream, waiting out a 429, and saves its state', async () => {
    zendesk.rateLimits = 1;
    const out = tempPath('events.ndjson');
    const state = tempPath('state.json');
    const began = Date.now();
    const r = await runCliAsync(
      api('--from', '2026-11-30T09:00:00Z', '--out', out, '--state', state),
      authEnv,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - began).toBeGreaterThanOrEqual(1000);
    const events = ndjson(readFileSync(out, 'utf8'));
    expect(events).toEqual(expectedEvents());
    expectValid(events);

    expect(r.stderr).toContain('rate limited (429): waiting 1 s');
    expect(r.stderr).toContain('3 pages, 15 events, 3 tickets; reached 2026-11-30T11:30:00Z (');
    expect(r.stderr).toContain('done: 15 events, 3 tickets, 3 pages');
    expect(r.stderr + r.stdout).not.toContain(TOKEN);
    // Basic auth as Zendesk's API tokens take it; the sideload on every page.
    const basic = `Basic ${Buffer.from(`admin@acme.test/token:${TOKEN}`).toString('base64')}`;
    expect(zendesk.requests).toHaveLength(4);
    for (const request of zendesk.requests) {
      expect(request.authorization).toBe(basic);
      expect(new URL(request.url).searchParams.get('include')).toBe('comment_events');
    }
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({
      version: 1,
      source: 'zendesk/acme',
      from: '2026-11-30T09:00:00Z',
      startTime: pages[2]!.end_time,
      pages: 3,
      events: 15,
      endOfStream: true,
      boundary: ['9080'],
      tickets: { '101': { r: '5001', g: '360001' } },
    });

    // Run again: it continues where it stopped and finds nothing new.
    const again = await runCliAsync(api('--out', out, '--state', state), authEnv);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('resuming from');
    expect(ndjson(readFileSync(out, 'utf8'))).toEqual(expectedEvents());
  });

  it('exits 1 with its state saved when Zendesk fails, and resumes to exactly the events', async () => {
    zendesk.failAt = pages[1]!.end_time; // the third page
    const out = tempPath('events.ndjson');
    const state = tempPath('state.json');
    const args = ['--out', out, '--state', state, '--retries', '1'];
    const first = await runCliAsync(api('--from', '2026-11-30T09:00:00Z', ...args), authEnv);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(
      `GET ${zendesk.base}/api/v2/incremental/ticket_events.json?start_time=${pages[1]!.end_time}`,
    );
    expect(first.stderr).toContain('answered 500');
    expect(first.stderr).toContain('retrying in 0.5 s');
    expect(first.stderr).toContain(`2 pages saved in ${state}, rerun the same command to resume`);
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({
      startTime: pages[1]!.end_time,
      pages: 2,
      events: 12,
      endOfStream: false,
    });
    expect(ndjson(readFileSync(out, 'utf8'))).toEqual(expectedEvents(EXPECTED.slice(0, 12)));

    zendesk.failAt = null;
    const second = await runCliAsync(api('--from', '2026-11-30T10:00:00Z', ...args), authEnv);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('--from is ignored while the state file exists');
    const events = ndjson(readFileSync(out, 'utf8'));
    expect(events).toEqual(expectedEvents());
    expectValid(events);
  });

  it('stops on Ctrl-C with every finished page saved, exiting 130', async () => {
    zendesk.holdAt = pages[0]!.end_time; // the second page never comes
    const out = tempPath('events.ndjson');
    const state = tempPath('state.json');
    const child = spawn(
      process.execPath,
      [bin, ...api('--from', '2026-11-30T09:00:00Z', '--out', out, '--state', state)],
      { env: { PATH: process.env.PATH ?? '', ...authEnv } },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit') as Promise<[number | null]>;
    await zendesk.arrivals.waitFor(2, 10_000, 'the request for the second page');
    child.kill('SIGINT');
    const [code] = await withTimeout(exited, 10_000, 'the import to stop');
    expect(code).toBe(130);
    expect(stderr).toContain('SIGINT: stopping after the current page');
    expect(stderr).toContain(`stopped after 1 pages (6 events); rerun with --state ${state}`);
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({ pages: 1, events: 6 });
    expect(ndjson(readFileSync(out, 'utf8'))).toEqual(expectedEvents(EXPECTED.slice(0, 6)));
  });

  it('stops at the first refusal, naming the URL and the status, never the token', async () => {
    zendesk.refuseWith = 401;
    const state = tempPath('state.json');
    const r = await runCliAsync(
      [
        'import',
        'zendesk',
        '--base-url',
        zendesk.base,
        '--subdomain',
        'acme',
        '--bearer-env',
        'ZD_BEARER',
        '--from',
        '2026-11-30T09:00:00Z',
        '--dry-run',
        '--state',
        state,
      ],
      { ZD_BEARER: TOKEN },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `GET ${zendesk.base}/api/v2/incremental/ticket_events.json?start_time=1796029200&include=comment_events answered 401`,
    );
    expect(r.stderr).toContain('check the email and token');
    expect(r.stderr).not.toContain(TOKEN);
    expect(zendesk.requests).toHaveLength(1);
    expect(zendesk.requests[0]?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(existsSync(state)).toBe(false);
  });
});

describe('slawatch import zendesk --file', () => {
  it('imports a JSON file of pages and an NDJSON export to the same events', async () => {
    const json = tempPath('export.json');
    writeFileSync(json, JSON.stringify(pages));
    for (const file of [json, fixture('export.ndjson')]) {
      const r = await runCliAsync([
        'import',
        'zendesk',
        '--file',
        file,
        '--subdomain',
        'acme',
        '--dry-run',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(ndjson(r.stdout)).toEqual(expectedEvents());
      expect(r.stderr).toContain('done: 15 events, 3 tickets; 2 Zendesk changes map to no event');
    }
  });

  it('keeps only the events inside --from and --to', async () => {
    const r = await runCliAsync([
      'import',
      'zendesk',
      '--file',
      fixture('export.ndjson'),
      '--subdomain',
      'acme',
      '--dry-run',
      '--from',
      '2026-11-30T09:05:00Z',
      '--to',
      '2026-11-30T10:30:00Z',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(ndjson(r.stdout)).toEqual(expectedEvents(EXPECTED.slice(1, 9)));
  });
});

describe('slawatch import zendesk options', () => {
  it('names every invalid option at once, with exit code 2', async () => {
    const r = await runCliAsync([
      'import',
      'zendesk',
      '--from',
      'yesterday',
      '--to',
      '2999-01-01T00:00:00Z',
      '--base-url',
      'ftp://x',
      '--retries',
      'many',
      '--topic',
      'bad topic',
      '--brokers',
      'nohost',
    ]);
    expect(r.code).toBe(2);
    for (const option of [
      '--from',
      '--to',
      '--base-url',
      '--subdomain',
      '--email',
      '--retries',
      '--topic',
      '--brokers',
    ])
      expect(r.stderr).toContain(`  - ${option}: `);
    expect(r.stdout).toBe('');
  });

  it('needs --from when there is no state to resume, and a set token variable', async () => {
    const state = tempPath('none.json');
    const r = await runCliAsync(
      ['import', 'zendesk', '--subdomain', 'acme', ...auth, '--dry-run', '--state', state],
      authEnv,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from: is required (no state file');
    const unset = await runCliAsync([
      'import',
      'zendesk',
      '--subdomain',
      'acme',
      ...auth,
      '--dry-run',
    ]);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('--token-env: the environment variable ZD_TOKEN is not set');
  });

  it('refuses the state file of another account', async () => {
    const state = tempPath('state.json');
    writeFileSync(
      state,
      JSON.stringify({ version: 1, source: 'zendesk/other', startTime: 1796029200, tickets: {} }),
    );
    const r = await runCliAsync(
      [
        'import',
        'zendesk',
        '--subdomain',
        'acme',
        ...auth,
        '--out',
        tempPath('x'),
        '--state',
        state,
      ],
      authEnv,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is the import of zendesk/other, not zendesk/acme');
  });
});

describe('slawatch import zendesk to Kafka', () => {
  const brokers = inject('kafkaBrokers');
  const kafka = quietKafka(brokers, 'import-zendesk-test');
  const consumer = testConsumer(kafka, uniqueGroupId('import-zendesk'));
  const zendesk = new FakeZendesk();
  afterAll(async () => {
    await consumer.disconnect();
    await zendesk.stop();
  });

  it('produces every page keyed by ticket id, acknowledged before the state moves on', async () => {
    await zendesk.start();
    const topic = uniqueTopic('import-zendesk');
    const state = tempPath('state.json');
    const r = await runCliAsync(
      [
        'import',
        'zendesk',
        '--base-url',
        zendesk.base,
        '--subdomain',
        'acme',
        ...auth,
        '--from',
        '2026-11-30T09:00:00Z',
        '--topic',
        topic,
        '--state',
        state,
      ],
      { ...authEnv, SLAWATCH_KAFKA_BROKERS: brokers.join(',') },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({ pages: 3, events: 15 });

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
    const messages = await received.waitFor(15, 30_000, `15 events from ${topic}`);
    expect(messages).toHaveLength(15);
    const byId = new Map(expectedEvents().map((e) => [e.id, e]));
    for (const m of messages) {
      const v = validateEvent(m.value);
      expect(v).toMatchObject({ ok: true });
      if (v.ok) {
        expect(m.key).toBe(v.event.subject);
        expect(m.value).toEqual(byId.get(v.event.id));
      }
    }
    expect(new Set(messages.map((m) => (m.value as TicketEvent).id)).size).toBe(15);
  });
});
