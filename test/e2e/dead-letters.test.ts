import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DLQ_HEADERS } from '@slawatch/kafka';
import { readTopic, type TopicReader } from './support/topic-reader.js';
import { startPipeline, type Pipeline } from './support/pipeline.js';
import { event } from './support/events.js';

const POLICIES = 'policies:\n  - { id: all, targets: { firstResponse: 4h } }\n';

describe('invalid events', () => {
  let p: Pipeline;
  let reader: TopicReader<{ key: string; value: string; headers: Record<string, string> }>;

  beforeAll(async () => {
    p = await startPipeline('dlq', POLICIES, { alerter: false });
    reader = await readTopic(p.kafka, p.topics.dlq, (message) => ({
      key: message.key?.toString() ?? '',
      value: message.value?.toString() ?? '',
      headers: Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
      ),
    }));
  });

  afterAll(async () => {
    await reader?.stop();
    await p?.stop();
  });

  it('go to the dead-letter topic with the reason and their coordinates, and change nothing else', async () => {
    const valid = event('OK-1', Date.now(), 'ticket.created', { priority: 'low', channel: 'web' });
    const badEvent = event('BAD-2', Date.now(), 'ticket.created', {
      priority: 'p1',
      channel: 'web',
    });
    const oversized = event('BAD-3', Date.now(), 'ticket.created', {
      priority: 'low',
      channel: 'web',
      attributes: Object.fromEntries(
        Array.from({ length: 8 }, (_, i) => [`a${i}`, 'x'.repeat(1000)]),
      ),
    });
    await p.produce(
      ['{not json', JSON.stringify(badEvent), JSON.stringify(valid), JSON.stringify(oversized), ''],
      () => 'k',
    );
    const got = await reader.items.waitFor(4, 20_000);
    const reasons = got.map((d) => d.headers[DLQ_HEADERS.reason]);
    expect(reasons[0]).toMatch(/^not valid JSON: /);
    expect(reasons[1]).toBe('data.priority: must be one of urgent, high, normal, low');
    expect(reasons[2]).toMatch(/^message of \d+ bytes is over the 4096-byte limit/);
    expect(reasons[3]).toMatch(/^empty message/);
    expect(got[0]).toMatchObject({ key: 'k', value: '{not json' });
    for (const d of got) {
      expect(d.headers[DLQ_HEADERS.topic]).toBe(p.topics.events);
      expect(Number(d.headers[DLQ_HEADERS.partition])).toBeGreaterThanOrEqual(0);
      expect(d.headers[DLQ_HEADERS.offset]).toMatch(/^\d+$/);
    }
    // The valid event between them was folded; the invalid ones left no trace.
    expect((await p.store.loadOne('OK-1')).history).toHaveLength(1);
    expect((await p.store.load(['BAD-2', 'BAD-3'])).get('BAD-2')!.version).toBe(0);
    expect((await p.store.loadOne('BAD-3')).version).toBe(0);
    // Counted for Prometheus (slawatch_events_dead_lettered_total), the valid one as an event.
    const series = await p.metrics.series.read();
    expect(series.deadLettered).toBe(4);
    expect(series.counts.find((c) => c.code.kind === 'event')?.value).toBe(1);
  });
});
