import { parentPort, workerData } from 'node:worker_threads';
import type { AlertCloudEvent } from '@slawatch/core';
import { quietKafka, testConsumer } from '@slawatch/test';
import type { AlertsReaderInput, ReaderMessage, ReceivedBreach } from './alerts-reader.js';

// The alerts consumer of breach-lateness.ts, on a thread of its own: on the services'
// event loop, a burst of timers would delay its stamps by however long the alerter keeps
// the loop busy, which no real consumer of sla.alerts (another process) would see.
const { brokers, topic, groupId } = workerData as AlertsReaderInput;
const port = parentPort!;
const post = (message: ReaderMessage) => port.postMessage(message);

const consumer = testConsumer(quietKafka([...brokers], 'bench-alerts-reader'), groupId);
await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
await consumer.run({
  eachBatch: ({ batch }) => {
    const receivedAt = Date.now();
    const breaches: ReceivedBreach[] = [];
    for (const m of batch.messages) {
      if (m.value === null) continue;
      const alert = JSON.parse(m.value.toString('utf8')) as AlertCloudEvent;
      if (alert.type === 'sla.breached')
        breaches.push({ ticketId: alert.subject, deadline: Date.parse(alert.time), receivedAt });
    }
    if (breaches.length > 0) post({ type: 'breaches', breaches });
    return Promise.resolve();
  },
});
port.on('message', (message: 'stop') => {
  if (message !== 'stop') return;
  void consumer.disconnect().finally(() => {
    post({ type: 'stopped' });
    port.close();
  });
});
post({ type: 'ready' });
