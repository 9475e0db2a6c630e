import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Collector, quietKafka, testConsumer, uniqueGroupId, uniqueTopic } from '@slawatch/test';
import { zendeskAdapter } from '../src/ingest/zendesk/zendesk-adapter.js';
import { HELPDESK_ADAPTERS, KafkaEventSink } from '../src/index.js';
import { as, TOKENS, useGateway } from './gateway-fixture.js';

// POST /api/v1/ingest/zendesk on a real (mock) Kafka broker: a signed delivery becomes
// contract events on the topic; a bad signature, an unknown helpdesk or a payload that is
// not a Zendesk event writes nothing.
const SECRET = 'zendesk-signing-secret-for-tests';
const kafka = quietKafka(inject('kafkaBrokers'), 'webhook-route-test');
const topic = uniqueTopic('webhook-route');
const gw = useGateway(
  { helpdesks: { adapters: [zendeskAdapter], secrets: { zendesk: SECRET } } },
  { events: () => new KafkaEventSink(kafka, topic) },
);
const fixture = (name: string, helpdesk = 'zendesk') =>
  readFileSync(new URL(`./fixtures/${helpdesk}/${name}.json`, import.meta.url), 'utf8');

const received = new Collector<{ key: string; value: { id: string; type: string } }>();
const consumer = testConsumer(kafka, uniqueGroupId('webhook-route'));
let producerToken = '';

beforeAll(async () => {
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      received.push({
        key: message.key!.toString(),
        value: JSON.parse(message.value!.toString()) as { id: string; type: string },
      });
      return Promise.resolve();
    },
  });
  producerToken = (await gw.deps.tokens.create('zendesk', ['ingest'], null)).secret;
});
afterAll(async () => {
  await consumer.disconnect();
});

/** Zendesk's headers for `body` signed at the gateway's clock (`as Zendesk signs`). */
function signed(body: string, secret = SECRET, at = new Date(gw.deps.now()).toISOString()) {
  const signature = createHmac('sha256', secret)
    .update(at + body)
    .digest('base64');
  return {
    'x-zendesk-webhook-signature': signature,
    'x-zendesk-webhook-signature-timestamp': at,
  };
}

const deliver = (
  body: string,
  headers: Record<string, string | undefined>,
  url = '/api/v1/ingest/zendesk',
) =>
  gw.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload: body,
  });

describe('POST /api/v1/ingest/zendesk', () => {
  it('writes a signed delivery as contract events keyed by the Zendesk ticket id; a redelivery is the same event', async () => {
    const body = fixture('comment-added-agent-public');
    const res = await deliver(body, { ...as(producerToken), ...signed(body) });
    expect(res.statusCode).toBe(200);
    const answer = res.json<{ accepted: { subject: string }[]; ignored: unknown[] }>();
    expect(answer.accepted).toMatchObject([{ subject: '35436' }]);
    // Zendesk redelivers after a lost answer, signed afresh: the same event id comes back.
    expect((await deliver(body, { ...as(producerToken), ...signed(body) })).statusCode).toBe(200);
    const [first, second] = await received.waitFor(2, 10_000);
    expect(first).toMatchObject({ key: '35436', value: { type: 'ticket.commented' } });
    expect(second!.value).toEqual(first!.value);
  });

  it('refuses a delivery whose signature does not match, and writes nothing (401)', async () => {
    const body = fixture('status-changed-solved');
    const forged = await deliver(body, { ...as(producerToken), ...signed(body, 'another secret') });
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({
      code: 'SLW_INGEST_SIGNATURE_INVALID',
      error: expect.stringContaining('x-zendesk-webhook-signature') as unknown,
    });
    const unsigned = await deliver(body, as(producerToken));
    expect(unsigned.statusCode).toBe(401);
    const tampered = await deliver(body.replace('SOLVED', 'OPEN'), {
      ...as(producerToken),
      ...signed(body),
    });
    expect(tampered.statusCode).toBe(401);
  });

  it('answers what it ignored, and 400 for what is not a Zendesk ticket event', async () => {
    const tags = fixture('tags-changed');
    const ignored = await deliver(tags, { ...as(producerToken), ...signed(tags) });
    expect(ignored.statusCode).toBe(200);
    expect(ignored.json()).toMatchObject({
      accepted: [],
      ignored: [{ path: 'body.type', message: expect.stringContaining('tags_changed') as unknown }],
    });
    const garbage = '{"hello": "world"}';
    const bad = await deliver(garbage, { ...as(producerToken), ...signed(garbage) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ problems: { path: string }[] }>().problems[0]!.path).toMatch(/^body/);
    const notJson = '{"type":';
    const malformed = await deliver(notJson, { ...as(producerToken), ...signed(notJson) });
    expect(malformed.statusCode).toBe(400);
  });

  it('takes the token from ?access_token= for helpdesks that cannot set headers; needs ingest', async () => {
    const body = fixture('priority-changed');
    const res = await deliver(
      body,
      signed(body),
      `/api/v1/ingest/zendesk?access_token=${producerToken}`,
    );
    expect(res.statusCode).toBe(200);
    const read = await deliver(body, { ...as(TOKENS.read), ...signed(body) });
    expect(read.statusCode).toBe(403);
    const unknown = await deliver(
      body,
      { ...as(producerToken), ...signed(body) },
      '/api/v1/ingest/otrs',
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ problems: { path: string }[] }>().problems[0]!.path).toBe(
      'params.helpdesk',
    );
    // Written so far: the comment twice and the priority change; nothing else.
    const all = await received.waitFor(3, 10_000);
    expect(all.map((m) => m.value.type)).toEqual([
      'ticket.commented',
      'ticket.commented',
      'ticket.updated',
    ]);
  });
});

describe('POST /api/v1/ingest/{helpdesk}: every adapter the gateway ships', () => {
  const every = useGateway(
    {
      helpdesks: {
        adapters: HELPDESK_ADAPTERS,
        secrets: { jira: SECRET, zammad: SECRET, chatwoot: SECRET },
      },
    },
    { events: () => new KafkaEventSink(kafka, uniqueTopic('webhook-every')) },
  );
  const hex = (algorithm: string, body: string) =>
    createHmac(algorithm, SECRET).update(body).digest('hex');
  // Each helpdesk's ticket creation, signed as that helpdesk signs (Freshdesk does not).
  const cases: [string, string, (body: string) => Record<string, string>][] = [
    ['jira', 'issue-created', (b) => ({ 'x-hub-signature': `sha256=${hex('sha256', b)}` })],
    ['zammad', 'ticket-created-email', (b) => ({ 'x-hub-signature': `sha1=${hex('sha1', b)}` })],
    ['freshdesk', 'ticket-created', () => ({})],
    [
      'chatwoot',
      'conversation-created',
      (b) => {
        const at = String(Math.floor(every.deps.now() / 1000));
        return {
          'x-chatwoot-timestamp': at,
          'x-chatwoot-signature': `sha256=${hex('sha256', `${at}.${b}`)}`,
        };
      },
    ],
  ];

  it.each(cases)(
    'takes %s: a signed creation becomes ticket.created',
    async (helpdesk, name, sign) => {
      const body = fixture(name, helpdesk);
      const res = await every.app.inject({
        method: 'POST',
        url: `/api/v1/ingest/${helpdesk}`,
        headers: { 'content-type': 'application/json', ...as(TOKENS.admin), ...sign(body) },
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ accepted: unknown[] }>().accepted.length).toBeGreaterThan(0);
    },
  );

  it('refuses a Jira or Zammad delivery signed with another secret', async () => {
    for (const [helpdesk, name] of [
      ['jira', 'issue-created'],
      ['zammad', 'ticket-created-email'],
    ] as const) {
      const body = fixture(name, helpdesk);
      const res = await every.app.inject({
        method: 'POST',
        url: `/api/v1/ingest/${helpdesk}`,
        headers: {
          'content-type': 'application/json',
          ...as(TOKENS.admin),
          'x-hub-signature': `sha256=${createHmac('sha256', 'another').update(body).digest('hex')}`,
        },
        payload: body,
      });
      expect(res.statusCode, helpdesk).toBe(401);
    }
  });
});
