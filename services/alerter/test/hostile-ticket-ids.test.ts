import { describe, expect, it } from 'vitest';
import type { Notification } from '@slawatch/core';
import type { NotificationBody } from '../src/index.js';
import { headerSafe } from '../src/delivery/header-safe.js';
import { useNotifier, waitFor } from './notifier-fixture.js';

const f = useNotifier({
  receiver: 'hook',
  delivery: { attempts: 3, baseDelayMs: 50, maxDelayMs: 100 },
  alertingYaml: `
  ticketUrl: https://help.example.com/t/{ticketId}
  receivers: [{ id: hook, type: webhook, urlEnv: RECEIVER_URL }]
  route: { receivers: [hook] }
`,
});

/** Ticket ids a producer may send: outside Latin-1, control characters, emoji, `%`, a lone surrogate. */
const HOSTILE = [
  'Tïcket-✓-1',
  'T\u0001\n2',
  'T\r\nX-Injected: 1',
  '🚨🔥-3',
  'T-%41-4',
  'T\ud800-5',
];

const about = (ticketId: string): Partial<Notification> => ({
  ticketId,
  id: `${ticketId}/firstResponse:1:breached/hook`,
  alertKey: `${ticketId}/firstResponse/1/breach`,
});

describe('webhook delivery of producers’ ticket ids', () => {
  it('delivers every hostile ticket id once, with the id percent-encoded in its header', async () => {
    const sent = HOSTILE.map((t) => f.notification(about(t)));
    await f.queue.enqueue(sent, Date.now());
    await waitFor('every delivery', () => f.endpoint.got.length >= sent.length, 5_000);
    expect(f.endpoint.got).toHaveLength(sent.length);
    for (const got of f.endpoint.got) {
      const body = JSON.parse(got.body) as NotificationBody;
      const key = String(got.headers['idempotency-key']);
      expect(key).toMatch(/^[\x21-\x7e]+$/);
      expect(decodeURIComponent(key)).toBe(body.id.replace('\ud800', '\ufffd'));
      expect(got.headers['x-injected']).toBeUndefined();
    }
    expect(
      f.endpoint
        .json<NotificationBody>()
        .map((b) => b.alert.ticketId)
        .sort(),
    ).toEqual([...HOSTILE].sort());
  });

  it('leaves printable ASCII ids as they were', () => {
    expect(headerSafe('T-1001/firstResponse:1:breached/audit')).toBe(
      'T-1001/firstResponse:1:breached/audit',
    );
    expect(headerSafe('Tïcket-✓ 1%')).toBe('T%C3%AFcket-%E2%9C%93%201%25');
  });
});
