import { inject } from 'vitest';
import { quietKafka, uniqueTopic } from '@slawatch/test';

/**
 * A producer on the harness's broker, and `topicWith(lines)`: a new topic holding the
 * NDJSON event `lines`, each keyed by its ticket as a helpdesk would, and its name. Call
 * `close` after the file's tests.
 */
export function topicWithEvents(name: string) {
  const kafka = quietKafka(inject('kafkaBrokers'), `${name}-test`);
  const producer = kafka.producer({ allowAutoTopicCreation: true });
  return {
    kafka,
    async topicWith(lines: readonly string[]): Promise<string> {
      const topic = uniqueTopic(name);
      await producer.connect();
      await producer.send({
        topic,
        messages: lines.map((value) => ({
          key: (JSON.parse(value) as { subject: string }).subject,
          value,
        })),
      });
      return topic;
    },
    close: () => producer.disconnect(),
  };
}
