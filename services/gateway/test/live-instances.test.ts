import { describe, expect, it } from 'vitest';
import { DeltaSubscriber, updateTickets } from '@slawatch/store';
import { buildGateway } from '../src/index.js';
import { created, MINUTE, NOW, TOKENS, useGateway } from './gateway-fixture.js';
import { LiveTestClient, liveUrl, type LiveMessage } from './live-test-client.js';

const gw = useGateway();

/** Subscribers of the deltas channel: one connection per gateway, whatever its clients. */
const deltaSubscribers = async () =>
  ((await gw.redis.pubsub('NUMSUB', gw.keys.deltas)) as [string, number])[1];

const createdIn = (m: LiveMessage, team: string): number => m.data!.values![team]!.volume.created;

describe('live stream across gateway instances', () => {
  it('gives clients of two gateways on one Redis the same numbers; closing one closes its sockets with 1001', async () => {
    const second = await buildGateway({
      deps: { ...gw.deps, deltas: new DeltaSubscriber(gw.redis, gw.keys) },
    });
    let open = true;
    try {
      const [a1, a2, b] = await Promise.all([
        LiveTestClient.connect(await liveUrl(gw.app), TOKENS.read),
        LiveTestClient.connect(await liveUrl(gw.app), TOKENS.read),
        LiveTestClient.connect(await liveUrl(second), TOKENS.read),
      ]);
      expect(await deltaSubscribers()).toBe(2);
      const view = { kind: 'metrics', window: '15m', dimension: 'team', values: ['nordics'] };
      for (const c of [a1, a2, b]) c.subscribe('m', view);
      const snapshots = await Promise.all(
        [a1, a2, b].map((c) => c.next((m) => m.id === 'm', 'a snapshot')),
      );
      expect(snapshots[2]!.data).toEqual(snapshots[0]!.data);
      const before = createdIn(snapshots[0]!, 'nordics');

      await updateTickets(
        gw.update,
        new Map([['NORD-1', [created('NORD-1', NOW - MINUTE, 'nordics')]]]),
        NOW,
      );
      const updates = await Promise.all(
        [a1, a2, b].map((c) =>
          c.next(
            (m) => m.type === 'update' && createdIn(m, 'nordics') === before + 1,
            'the update',
          ),
        ),
      );
      expect(updates[1]!.data).toEqual(updates[0]!.data);
      expect(updates[2]!.data).toEqual(updates[0]!.data);
      expect(updates[2]!.deltaAt).toBe(updates[0]!.deltaAt);

      await second.close();
      open = false;
      expect(await b.closed).toEqual({ code: 1001, reason: 'the gateway is shutting down' });
      expect(await deltaSubscribers()).toBe(1);
      expect(gw.app.live.clients).toBe(2);
      a1.close();
      a2.close();
    } finally {
      if (open) await second.close();
    }
  });
});
