import type { Message } from 'kafkajs';
import type { AlertCloudEvent } from '@slawatch/core';

/** Alert CloudEvents as `sla.alerts` messages, keyed by ticket so one ticket's stay in order. */
export const alertMessages = (events: readonly AlertCloudEvent[]): Message[] =>
  events.map((e) => ({ key: e.subject, value: JSON.stringify(e) }));
