import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { validateEvent, type TicketEvent } from '@slawatch/core';
import {
  Collector,
  quietKafka,
  testConsumer,
  uniqueGroupId,
  uniqueTopic,
  withTimeout,
} from '@slawatch/test';
import { parseZendeskExport } from '../src/import/zendesk-export-file.js';
import {
  ImportProgress,
  progressBar,
  progressLine,
  terminalProgress,
} from '../src/import/import-progress.js';
import { ZendeskMapper } from '../src/import/zendesk-mapping.js';

const bin = fileURLToPath(new URL('../bin/slawatch.js', import.meta.url));
const fixture = (name: string) =>
  fileURLToPath(new URL(`./fixtures/zendesk-export/${name}`, import.meta.url));
const readJson = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8')) as unknown;
const pages = [1, 2, 3].map(
  (n) =>
    readJson(`page-${n}.json`) as {
      ticket_events: unknown[];
      end_time: number;
      end_of_stream: boolean;
      next_page: string;
    },
);
const dir = mkdtempSync(join(tmpdir(), 'slawatch-import-zendesk-'));
let fileCount = 0;
const tempPath = (name: string) => join(dir, `${++fileCount}-${name}`);

/** What the three pages become: [id, ticket, time, type, data], in order, each once. */
// prettier-ignore
const EXPECTED: [string, string, string, string, unknown][] = [
  ['9001', '101', '09:00', 'ticket.created', {
    priority: 'high', channel: 'web', status: 'new', team: '360001', requesterId: '5001',
    tags: ['billing', 'vip'],
  }],
  ['9013', '101', '09:05', 'ticket.commented', { author: 'agent', public: true, authorId: '7001' }],
  ['9011', '101', '09:05', 'ticket.assigned', { assigneeId: '7001', team: '360001' }],
  ['9012', '101', '09:05', 'ticket.status_changed', { status: 'open' }],
  ['9020', '102', '09:10', 'ticket.created', {
    priority: 'normal', channel: 'email', status: 'open', requesterId: '5002', customerId: '8801',
  }],
  ['9031', '101', '09:20', 'ticket.commented', { author: 'customer', public: true, authorId: '5001' }],
  ['9043', '102', '10:00', 'ticket.commented', { author: 'agent', public: false, authorId: '7002' }],
  ['9042', '102', '10:00', 'ticket.assigned', { assigneeId: '7002', team: '360002' }],
  ['9041', '102', '10:00', 'ticket.updated', { changes: { team: '360002' } }],
  ['9051', '101', '10:30', 'ticket.status_changed', { status: 'on_hold' }],
  ['9052', '101', '10:30', 'ticket.updated', { changes: { priority: 'urgent' } }],
  ['9060', '103', '10:45', 'ticket.created', {
    priority: 'low', channel: 'api', status: 'new', team: '360001', requesterId: '5003',
  }],
  ['9071', '103', '11:00', 'ticket.deleted', {}],
  ['9081', '101', '11:30', 'ticket.commented', { author: 'system', public: true }],
  ['9082', '101', '11:30', 'ticket.status_changed', { status: 'solved' }],
];

const expectedEvents = (rows = EXPECTED) =>
  rows.map(([id, subject, hhmm, type, data]) => ({
    specversion: '1.0',
    id,
    source: 'zendesk/acme',
    type,
    subject,
    time: `2026-11-30T${hhmm}:00Z`,
    datacontenttype: 'application/json',
    data,
  }));

const ndjson = (text: string) =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as TicketEvent);

function expectValid(events: readonly unknown[]) {
  for (const event of events) expect(validateEvent(event)).toMatchObject({ ok: true });
}

describe('mapping Zendesk ticket events (pure)', () => {
  it('maps the export pages to the expected contract events, each valid', () => {
    const mapper = new ZendeskMapper('zendesk/acme');
    // Each page repeats the updates of the second it starts at; the command skips them.
    const seen = new Set<unknown>();
    const fresh = pages
      .flatMap((p) => p.ticket_events)
      .filter((e) => !seen.has((e as { id: unknown }).id) && seen.add((e as { id: unknown }).id));
    const { events, skipped } = mapper.mapAll(fresh);
    expect(events).toEqual(expectedEvents());
    expectValid(events);
    expect(skipped.map((s) => s.zendeskId)).toEqual(['9007', '9025']);
    expect(skipped[0]?.reason).toContain('opening comment');
    expect(Object.fromEntries(mapper.tickets)).toEqual({
      '101': { r: '5001', g: '360001' },
      '102': { r: '5002', g: '360002' },
      '103': { r: '5003', g: '360001' },
    });
  });

  const edge = readJson('edge-cases.json') as unknown[];
  const mapper = new ZendeskMapper('zendesk/acme');
  const outcomes = edge.map((e) => mapper.map(e));
  // prettier-ignore
  const rows: [string, number, [string, string, unknown][], string[]][] = [
    ['a creation with a via name, an unknown status, upper-case priority and tags as text', 0,
      [['9101', 'ticket.created', {
        priority: 'high', channel: 'phone', assigneeId: '7001', requesterId: '6001', tags: ['a', 'b'],
      }]], []],
    ['an unknown status, a cleared priority, group and assignee', 1,
      [['9112', 'ticket.updated', { changes: { priority: 'normal' } }]],
      ['status "archived" maps to no contract status', 'left its group', 'unassigned']],
    ['a comment without the sideload: a flag on a change, written by the updater', 2,
      [['9122', 'ticket.status_changed', { status: 'open' }],
       ['9122-comment', 'ticket.commented', { author: 'customer', public: true, authorId: '6001' }]], []],
    ['a new requester, then a voice comment of theirs', 3,
      [['9132', 'ticket.commented', { author: 'customer', public: true, authorId: '6002' }]], []],
    ['a comment on a ticket created before the import (requester unknown)', 4,
      [['9141', 'ticket.commented', { author: 'customer', public: true, authorId: '7009' }]], []],
    ['closing, and a change of a field slawatch does not read', 5,
      [['9151', 'ticket.status_changed', { status: 'closed' }]], []],
    ['something that is not a ticket event', 6, [], ['not a Zendesk ticket event']],
  ];
  it.each(rows)('%s', (_name, index, expected, reasons) => {
    const outcome = outcomes[index]!;
    expect(outcome.events.map((e) => [e.id, e.type, e.data])).toEqual(expected);
    expectValid(outcome.events);
    expect(outcome.skipped).toHaveLength(reasons.length);
    reasons.forEach((reason, i) => expect(outcome.skipped[i]?.reason).toContain(reason));
  });

  it('reads a page, an array of pages, an array of events and NDJSON alike', () => {
    const events = pages.flatMap((p) => p.ticket_events);
    expect(parseZendeskExport(JSON.stringify(pages[0]))).toEqual(pages[0]!.ticket_events);
    expect(parseZendeskExport(JSON.stringify(pages))).toEqual(events);
    expect(parseZendeskExport(JSON.stringify(events))).toEqual(events);
    expect(parseZendeskExport(readFileSync(fixture('export.ndjson'), 'utf8'))).toEqual(events);
    expect(() => parseZendeskExport('{"a":\n{')).toThrow(/neither JSON nor NDJSON: line 1/);
  });

  it('draws a bar redrawn in place on a terminal, and ends its line before any message', () => {
    expect(progressBar(0.25, 8)).toBe('[##------]');
    expect(progressBar(1.5, 4)).toBe('[####]');
    let written = '';
    const terminal = terminalProgress({ write: (text: string) => (written += text) });
    const from = Date.parse('2026-11-30T00:00:00Z');
    let now = from + 4 * 3_600_000;
    const progress = new ImportProgress(from, terminal, () => now);
    progress.report({ pages: 1, events: 10, tickets: 2, reached: from + 3_600_000 });
    now += 2_000;
    progress.report({ pages: 2, events: 20, tickets: 3, reached: from + 2 * 3_600_000 });
    terminal.line('slawatch import zendesk: 429: waiting 1 s');
    // The terminal's erase-to-end-of-line, named, so the patterns need no control characters.
    const shown = written.replaceAll('\u001b[K', '<EL>');
    expect(shown.split('\r').slice(1)).toEqual([
      expect.stringMatching(/^\[#{6}-{18}\] 1 pages, 10 events, 2 tickets; .*<EL>$/) as unknown,
      expect.stringMatching(
        /^\[#{12}-{12}\] 2 pages, 20 events, 3 tickets; .*<EL>\nslawatch import zendesk: 429: waiting 1 s\n$/,
      ) as unknown,
    ]);
  });

  it('estimates the time left from the pace so far', () => {
    const from = Date.parse('2026-11-30T00:00:00Z');
    const now = from + 10 * 3_600_000;
    const line = progressLine(
      { pages: 4, events: 900, tickets: 120, reached: from + 2.5 * 3_600_000 },
      from,
      now - 30_000,
      now,
    );
    expect(line).toBe(
      '4 pages, 900 events, 120 tickets; reached 2026-11-30T02:30:00Z (25%), about 1 min 30 s left',
    );
  });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI without blocking the event loop, so the in-test server answers. */
async function runCliAsync(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<Run> {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** A Zendesk look-alike serving the fixture pages by `start_time`. */
class FakeZendesk {
  readonly requests: { url: string; authorization: string | undefined }[] = [];
  /** 429s to answer before the next success. */
  rateLimits = 0;
  /** Answer 500 to requests for this start time while set. */
  failAt: number | null = null;
  /** Answer this status to every request while set. */
  refuseWith: number | null = null;
  /** Leave requests for this start time unanswered (a slow Zendesk) while set. */
  holdAt: number | null = null;
  /** Every request, as it arrives. */
  arrivals = new Collector<string>();
  private server: Server | null = null;
  base = '';

  async start(): Promise<void> {
    this.requests.length = 0;
    this.rateLimits = 0;
    this.failAt = null;
    this.refuseWith = null;
    this.holdAt = null;
    this.arrivals = new Collector<string>();
    this.server = createServer((req, res) => this.answer(req, res));
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    this.server?.close();
    if (this.server) await once(this.server, 'close');
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.base);
    this.requests.push({ url: url.toString(), authorization: req.headers.authorization });
    this.arrivals.push(url.toString());
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (this.refuseWith !== null)
      return json(this.refuseWith, { error: "Couldn't authenticate you" });
    if (url.pathname !== '/api/v2/incremental/ticket_events.json')
      return json(404, { error: 'InvalidEndpoint' });
    if (this.rateLimits > 0) {
      this.rateLimits -= 1;
      return json(429, { error: 'APIRateLimitExceeded' }, { 'retry-after': '1' });
    }
    const start = Number(url.searchParams.get('start_time'));
    if (this.holdAt === start) return;
    if (this.failAt === start) return json(500, { error: 'InternalError' });
    const starts = [Date.parse('2026-11-30T09:00:00Z') / 1000, ...pages.map((p) => p.end_time)];
    const index = starts.indexOf(start);
    if (index === -1) return json(400, { error: `no page at ${start}` });
    // After the last page: nothing new, end of stream.
    const page = pages[index] ?? {
      ticket_events: [],
      end_time: start,
      end_of_stream: true,
      next_page: `x?start_time=${start}`,
      count: 0,
    };
    // next_page on this server, without the sideload: the importer must keep asking for it.
    const next = new URL(this.base);
    next.pathname = url.pathname;
    next.searchParams.set('start_time', String(page.end_time));
    json(200, { ...page, next_page: next.toString() });
  }
}

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
