import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Collector, quietKafka, testConsumer, uniqueGroupId, uniqueTopic } from '@slawatch/test';
import { KafkaEventSink } from '../src/index.js';
import { as, NOW, TOKENS, useGateway } from './gateway-fixture.js';

// POST /api/v1/events on a real (mock) Kafka broker: what is accepted is on the topic,
// keyed by ticket id, once the answer comes; what is refused names each problem's path.
const kafka = quietKafka(inject('kafkaBrokers'), 'ingest-route-test');
const topic = uniqueTopic('ingest-route');
const gw = useGateway(
  { ingest: { maxEvents: 5, maxBytes: 16_384, maxEventBytes: 400, maxFutureMs: 3_600_000 } },
  { events: () => new KafkaEventSink(kafka, topic) },
);

let n = 0;
const event = (subject: string, overrides: Record<string, unknown> = {}) => ({
  specversion: '1.0',
  id: `ing-${++n}`,
  source: 'ingest-test',
  type: 'ticket.created',
  subject,
  time: new Date(NOW - 60_000).toISOString(),
  data: { priority: 'high', channel: 'email', team: 'emea' },
  ...overrides,
});

const received = new Collector<{ key: string; value: Record<string, unknown> }>();
let consumer: ReturnType<typeof testConsumer>;
const tokens = { ingest: '', emeaIngest: '' };

beforeAll(async () => {
  consumer = testConsumer(kafka, uniqueGroupId('ingest-route'));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      received.push({
        key: message.key!.toString(),
        value: JSON.parse(message.value!.toString()) as Record<string, unknown>,
      });
      return Promise.resolve();
    },
  });
  tokens.ingest = (await gw.deps.tokens.create('producer', ['ingest'], null)).secret;
  tokens.emeaIngest = (await gw.deps.tokens.create('emea producer', ['ingest'], ['emea'])).secret;
});

afterAll(async () => {
  await consumer.disconnect();
});

const post = (body: unknown, token: string | null, type = 'application/json') =>
  gw.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: { ...as(token), 'content-type': type },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /api/v1/events', () => {
  it('writes one CloudEvent to the topic, keyed by its ticket, before answering', async () => {
    const e = event('ING-1');
    const res = await post(e, tokens.ingest, 'application/cloudevents+json');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      accepted: [{ index: 0, source: 'ingest-test', id: e.id, subject: 'ING-1' }],
      rejected: [],
    });
    const [message] = await received.waitFor(1, 10_000);
    expect(message).toEqual({ key: 'ING-1', value: e });
  });

  it('takes the valid events of a batch and names the problems of the others (207)', async () => {
    const good = [event('ING-2'), event('ING-3')];
    const bad = event('ING-4', { data: { priority: 'panic', channel: 'email' } });
    const res = await post(
      [good[0], bad, good[1]],
      tokens.ingest,
      'application/cloudevents-batch+json',
    );
    expect(res.statusCode).toBe(207);
    const body = res.json<{ accepted: { index: number }[]; rejected: unknown[] }>();
    expect(body.accepted.map((a) => a.index)).toEqual([0, 2]);
    expect(body.rejected).toEqual([
      {
        index: 1,
        id: bad.id,
        problems: [
          { path: 'body[1].data.priority', message: expect.stringContaining('urgent') as unknown },
        ],
      },
    ]);
    const all = await received.waitFor(3, 10_000);
    expect(
      all
        .slice(1)
        .map((m) => m.value.id)
        .sort(),
    ).toEqual(good.map((g) => g.id).sort());
  });

  it('writes nothing when no event is valid (400, each problem by its path)', async () => {
    const res = await post(
      [event('ING-5', { type: 'ticket.exploded' }), event('ING-6', { time: 'yesterday' })],
      tokens.ingest,
    );
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; problems: { path: string }[] }>();
    expect(body.code).toBe('SLW_EVENTS_INVALID');
    expect(body.problems.map((p) => p.path)).toEqual(['body[0].type', 'body[1].time']);
  });

  it('applies the tracker limits: size of an event, time ahead of the clock', async () => {
    const big = event('ING-7', {
      data: { priority: 'low', channel: 'web', team: 'x'.repeat(250) },
    });
    const ahead = event('ING-8', { time: new Date(NOW + 7_200_000).toISOString() });
    const res = await post([big, ahead], tokens.ingest);
    expect(res.statusCode).toBe(400);
    const { problems } = res.json<{ problems: { path: string; message: string }[] }>();
    expect(problems).toEqual([
      { path: 'body[0]', message: expect.stringMatching(/over the 400-byte limit/) as unknown },
      {
        path: 'body[1].time',
        message: expect.stringMatching(/SLAWATCH_MAX_EVENT_FUTURE/) as unknown,
      },
    ]);
  });

  it('bounds a request: events per request and body bytes (413)', async () => {
    const many = await post(
      Array.from({ length: 6 }, (_, i) => event(`ING-M${i}`)),
      tokens.ingest,
    );
    expect(many.statusCode).toBe(413);
    expect(many.json<{ code: string }>().code).toBe('SLW_EVENTS_TOO_MANY');
    const large = await post([event('ING-L', { data: 'y'.repeat(20_000) })], tokens.ingest);
    expect(large.statusCode).toBe(413);
    expect(large.json<{ code: string }>().code).toBe('SLW_REQUEST_TOO_LARGE');
  });

  it('refuses bodies of the wrong shape for their media type, and bodies that are not JSON', async () => {
    const cases: [unknown, string, string][] = [
      [event('ING-S1'), 'application/cloudevents-batch+json', 'a batch'],
      [[event('ING-S2')], 'application/cloudevents+json', 'is one event'],
      [[], 'application/json', 'at least one event'],
    ];
    for (const [body, type, message] of cases) {
      const res = await post(body, tokens.ingest, type);
      expect(res.statusCode, type).toBe(400);
      expect(res.json<{ problems: unknown[] }>().problems).toEqual([
        { path: 'body', message: expect.stringContaining(message) as unknown },
      ]);
    }
    const notJson = await post('{"specversion":', tokens.ingest, 'application/cloudevents+json');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json<{ code: string }>().code).toBe('SLW_REQUEST_MALFORMED');
  });

  it('needs the ingest scope, which admin includes and read does not; ingest reads nothing', async () => {
    expect((await post(event('ING-A1'), null)).statusCode).toBe(401);
    const read = await post(event('ING-A2'), TOKENS.read);
    expect(read.statusCode).toBe(403);
    expect(read.json<{ code: string }>().code).toBe('SLW_AUTH_SCOPE_MISSING');
    expect((await post(event('ING-A3'), TOKENS.admin)).statusCode).toBe(200);
    const look = await gw.app.inject({ url: '/api/v1/tickets/EMEA-1', headers: as(tokens.ingest) });
    expect(look.statusCode).toBe(403);
    const limited = await post(event('ING-A4'), tokens.emeaIngest);
    expect(limited.statusCode).toBe(403);
    expect(limited.json<{ code: string }>().code).toBe('SLW_AUTH_TEAMS_LIMITED');
    // Only the admin's event got through: the topic holds the four accepted so far.
    expect((await received.waitFor(4, 10_000)).at(-1)?.key).toBe('ING-A3');
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(4);
  });
});

describe('slawatch_ingest_events_total', () => {
  it('counts what the requests above accepted and rejected', async () => {
    const text = (await gw.app.inject({ url: '/metrics' })).body;
    const sample = (outcome: string) =>
      Number(
        new RegExp(
          `^slawatch_ingest_events_total\\{via="events",outcome="${outcome}"\\} (\\d+)$`,
          'm',
        ).exec(text)?.[1],
      );
    // Accepted: ING-1, ING-2, ING-3, ING-A3. Rejected: 1 in the 207, 2 + 2 in the 400s.
    expect([sample('accepted'), sample('rejected')]).toEqual([4, 5]);
  });
});

describe('POST /api/v1/events without Kafka', () => {
  // A broker address nothing listens on (port 1): every connection is refused, and the
  // client's retries (about 2 s of them) outlast the request's 1.5 s.
  const down = quietKafka(['127.0.0.1:1'], 'ingest-down', {
    retry: { retries: 3, initialRetryTime: 300 },
  });
  const dead = useGateway(
    { ingest: { timeoutMs: 1_500, maxInFlight: 1 } },
    { events: () => new KafkaEventSink(down, uniqueTopic('ingest-down')) },
  );

  it('answers 503 with Retry-After, and refuses more than the requests it may hold', async () => {
    const first = dead.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { ...as(TOKENS.admin), 'content-type': 'application/json' },
      payload: JSON.stringify(event('DOWN-1')),
    });
    // Give the first request time to reach the producer before the second arrives.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await dead.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { ...as(TOKENS.admin), 'content-type': 'application/json' },
      payload: JSON.stringify(event('DOWN-2')),
    });
    expect(second.statusCode).toBe(503);
    expect(second.json<{ code: string }>().code).toBe('SLW_EVENTS_BUSY');
    expect(second.headers['retry-after']).toBe('5');
    const res = await first;
    expect(res.statusCode).toBe(503);
    expect(res.json<{ code: string }>().code).toBe('SLW_EVENTS_UNAVAILABLE');
    expect(res.headers['retry-after']).toBe('5');
  });
});
