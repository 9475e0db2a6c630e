import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcceptedEvent } from '@slawatch/core';
import { updateTickets } from '@slawatch/store';
import { as, created, MINUTE, NOW, TOKENS, useGateway } from './gateway-fixture.js';
import { LiveTestClient, liveUrl } from './live-test-client.js';

const gw = useGateway();
const HOUR = 60 * MINUTE;
let seq = 1000;
const event = (type: string, at: number, data: object): AcceptedEvent =>
  ({
    event: {
      specversion: '1.0' as const,
      id: `p-${++seq}`,
      source: 'test',
      type,
      subject: 'PAUSE-1',
      time: new Date(at).toISOString(),
      data,
    },
    time: at,
    seq,
  }) as AcceptedEvent;

// Urgent: 4 h resolution, warned at half. Answered at once, at risk after 2 h, then waiting
// on the customer from 30 minutes ago: 2.5 h spent, 1.5 h left.
const history = [
  created('PAUSE-1', NOW - 3 * HOUR, 'ops'),
  event('ticket.commented', NOW - 3 * HOUR + MINUTE, { author: 'agent', public: true }),
];
const pending = event('ticket.status_changed', NOW - 30 * MINUTE, { status: 'pending' });
const reopened = event('ticket.status_changed', NOW, { status: 'open' });

let client: LiveTestClient;
beforeAll(async () => {
  // As the tracker would see them: at risk at its crossing (the alerter's timer), then paused.
  await updateTickets(gw.update, new Map([['PAUSE-1', history]]), NOW - 60 * MINUTE);
  await updateTickets(gw.update, new Map([['PAUSE-1', [pending]]]), NOW);
  client = await LiveTestClient.connect(await liveUrl(gw.app), TOKENS.read);
});
afterAll(() => client.close());

describe('paused clocks on the at-risk list', () => {
  it('lists a clock paused after going at risk only when asked, with the time it has left', async () => {
    const plain = await gw.app.inject({
      url: '/api/v1/at-risk?team=ops',
      headers: as(TOKENS.read),
    });
    expect(plain.json()).toEqual({ clocks: [] });
    const withPaused = await gw.app.inject({
      url: '/api/v1/at-risk?team=ops&paused=true',
      headers: as(TOKENS.read),
    });
    expect(withPaused.json()).toEqual({
      clocks: [
        {
          ticketId: 'PAUSE-1',
          clock: 'resolution',
          cycle: 1,
          at: null,
          state: 'paused',
          remainingSeconds: 90 * 60,
          team: 'ops',
          queue: '-',
          priority: 'urgent',
          policy: 'urgent',
          assignee: '-',
        },
      ],
    });
  });

  it('shows it running again, with its new deadline, on the live stream when it resumes', async () => {
    client.subscribe('r', { kind: 'atRisk', team: ['ops'], paused: true });
    const snapshot = await client.next((m) => m.id === 'r', 'the snapshot');
    expect(snapshot.data!.clocks).toMatchObject([{ ticketId: 'PAUSE-1', state: 'paused' }]);
    await updateTickets(gw.update, new Map([['PAUSE-1', [reopened]]]), NOW);
    const update = await client.next((m) => m.id === 'r' && m.type === 'update', 'the update');
    expect(update.data!.clocks).toMatchObject([
      {
        ticketId: 'PAUSE-1',
        state: 'running',
        at: new Date(NOW + 90 * MINUTE).toISOString().replace('.000', ''),
      },
    ]);
  });
});
