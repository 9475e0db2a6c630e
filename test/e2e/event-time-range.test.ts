import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DLQ_HEADERS } from '@slawatch/kafka';
import { readTopic, type TopicReader } from './support/topic-reader.js';
import { startPipeline, type Pipeline } from './support/pipeline.js';
import { event } from './support/events.js';

const POLICIES = `
calendars:
  - id: office
    timezone: Europe/Berlin
    weekly: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
    holidays: ["--12-25"]
policies:
  - { id: all, calendar: office, targets: { firstResponse: 4h, resolution: 24h } }
`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('event times outside the accepted range', () => {
  let p: Pipeline;
  let reader: TopicReader<{ subject: string; reason: string }>;

  beforeAll(async () => {
    p = await startPipeline('time-range', POLICIES, { alerter: false });
    reader = await readTopic(p.kafka, p.topics.dlq, (message) => ({
      subject:
        (JSON.parse(message.value?.toString() ?? '{}') as { subject?: string }).subject ?? '',
      reason: String(message.headers?.[DLQ_HEADERS.reason] ?? ''),
    }));
  });

  afterAll(async () => {
    await reader?.stop();
    await p?.stop();
  });

  it('go to the dead-letter topic with the reason, without stalling the tracker', async () => {
    const now = Date.now();
    const created = (subject: string, time: number | string) =>
      event(subject, time, 'ticket.created', { priority: 'high', channel: 'email' });
    const began = performance.now();
    // One partition key, so the order is kept.
    await p.produce(
      [
        created('OLD-1626', '1626-05-04T10:00:00Z'),
        created('FAR-9999', '9999-12-31T23:59:59Z'),
        created('NEXT-WEEK', now + 7 * DAY),
        created('SKEWED', now + HOUR),
        created('NOW', now),
      ],
      () => 'k',
    );
    const dead = await reader.items.waitFor(3, 20_000);
    expect(dead.map((d) => d.subject)).toEqual(['OLD-1626', 'FAR-9999', 'NEXT-WEEK']);
    const range =
      'time: must be from 2000-01-01T00:00:00Z up to (not including) 2100-01-01T00:00:00Z';
    expect(dead[0]!.reason).toBe(`${range}, got "1626-05-04T10:00:00Z"`);
    expect(dead[1]!.reason).toBe(`${range}, got "9999-12-31T23:59:59Z"`);
    expect(dead[2]!.reason).toMatch(
      /^time: \S+ is more than 86400000 ms after the tracker's clock \(\S+; SLAWATCH_MAX_EVENT_FUTURE\)$/,
    );
    // An hour of producer clock skew is accepted, like an event of now.
    await expect
      .poll(async () => (await p.store.loadOne('NOW')).version, { timeout: 20_000 })
      .toBe(1);
    expect((await p.store.loadOne('SKEWED')).version).toBe(1);
    for (const id of ['OLD-1626', 'FAR-9999', 'NEXT-WEEK'])
      expect((await p.store.loadOne(id)).version).toBe(0);
    // A 1626 event alone stalled the tracker 1.7 s before.
    expect(performance.now() - began).toBeLessThan(10_000);
  });
});
