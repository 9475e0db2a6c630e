import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@slawatch/telemetry';
import { buildGateway, TokenStore } from '../src/index.js';
import { TOKENS, useGateway } from './gateway-fixture.js';
import { LiveTestClient, liveUrl, refusedUpgrade } from './live-test-client.js';

const gw = useGateway();
let url: string;
beforeAll(async () => {
  url = await liveUrl(gw.app);
});

describe('live stream access', () => {
  it('refuses the upgrade with 401 without a valid token, and 403 without the read scope', async () => {
    expect(await refusedUpgrade(url)).toEqual({
      status: 401,
      wwwAuthenticate: 'Bearer realm="slawatch"',
    });
    expect((await refusedUpgrade(url, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await refusedUpgrade(`${url}?access_token=nope`)).status).toBe(401);

    const scopeless = await buildGateway({
      deps: {
        ...gw.deps,
        tokens: new TokenStore(gw.redis, gw.keys.tokens, [
          { name: 'no scope', secret: 'scopeless-secret', scopes: [] },
        ]),
      },
    });
    try {
      const refused = await refusedUpgrade(await liveUrl(scopeless), {
        authorization: 'Bearer scopeless-secret',
      });
      expect(refused.status).toBe(403);
    } finally {
      await scopeless.close();
    }
  });

  it('takes the token from the Authorization header or, for browsers, from access_token', async () => {
    for (const inQuery of [false, true]) {
      const client = await LiveTestClient.connect(url, TOKENS.read, { inQuery });
      client.subscribe('b', { kind: 'breaches' });
      expect((await client.next((m) => m.id === 'b', 'a snapshot')).type).toBe('snapshot');
      client.close();
    }
  });

  it('shows a team-limited token its teams only, and refuses a view outside them', async () => {
    const emea = await LiveTestClient.connect(url, TOKENS.emea);
    const all = await LiveTestClient.connect(url, TOKENS.read);
    try {
      all.subscribe('r', { kind: 'atRisk' });
      emea.subscribe('r', { kind: 'atRisk' });
      emea.subscribe('b', { kind: 'breaches' });
      emea.subscribe('us', { kind: 'atRisk', team: ['us'] });
      emea.subscribe('m', { kind: 'metrics', dimension: 'team' });
      expect((await all.next((m) => m.id === 'r', 'the full list')).data!.clocks).toHaveLength(1);
      expect((await emea.next((m) => m.id === 'r', 'its list')).data).toEqual({ clocks: [] });
      expect((await emea.next((m) => m.id === 'us', 'another team')).data).toEqual({ clocks: [] });
      const breaches = await emea.next((m) => m.id === 'b', 'its breaches');
      expect(breaches.data!.breaches!.map((b) => b.ticketId)).toEqual(['EMEA-1']);
      const metrics = await emea.next((m) => m.id === 'm', 'its metrics');
      expect(Object.keys(metrics.data!.values!)).toEqual(['emea']);

      emea.send({ type: 'subscribe', id: 'everything', view: { kind: 'metrics' } });
      expect(await emea.next((m) => m.type === 'error', 'the dimension refusal')).toEqual({
        type: 'error',
        code: 'SLW_LIVE_TEAMS_LIMITED',
        id: 'everything',
        message: 'this token is limited to teams: use dimension=team',
        path: 'view.dimension',
      });
      const from = emea.received.length;
      emea.subscribe('theirs', { kind: 'metrics', dimension: 'team', values: ['emea', 'us'] });
      expect(
        await emea.next((m) => m.type === 'error', 'the values refusal', { from }),
      ).toMatchObject({ id: 'theirs', path: 'view.values' });

      // Equal queries share one view whoever asks: "its teams" is team emea.
      const views = gw.app.live.views;
      all.subscribe('emea', { kind: 'atRisk', team: ['emea'] });
      expect((await all.next((m) => m.id === 'emea', 'the emea list')).data).toEqual({
        clocks: [],
      });
      expect(gw.app.live.views).toBe(views);
      expect(emea.ws.readyState).toBe(emea.ws.OPEN);
    } finally {
      emea.close();
      all.close();
    }
  });

  it('never logs the access token of the URL', async () => {
    const lines: string[] = [];
    const app = await buildGateway({
      deps: gw.deps,
      logger: createLogger('gateway', 'debug', { write: (line: string) => lines.push(line) }),
    });
    try {
      const client = await LiveTestClient.connect(await liveUrl(app), TOKENS.read, {
        inQuery: true,
      });
      client.subscribe('b', { kind: 'breaches' });
      await client.next((m) => m.id === 'b', 'a snapshot');
      client.close();
      await client.closed;
    } finally {
      await app.close();
    }
    const incoming = lines
      .map((l) => JSON.parse(l) as { msg: string; req?: { url: string } })
      .find((l) => l.msg === 'incoming request');
    expect(incoming?.req?.url).toBe('/api/v1/live?access_token=[redacted]');
    expect(lines.join('')).not.toContain(TOKENS.read);
  });
});

describe('a revoked token', () => {
  it('has its open sockets closed (4001) at the next heartbeat, and cannot reconnect', async () => {
    const app = await buildGateway({ deps: gw.deps, live: { heartbeatMs: 100 } });
    try {
      const { record, secret } = await gw.deps.tokens.create('wallboard 7', ['read'], null);
      const revokedUrl = await liveUrl(app);
      const kept = await LiveTestClient.connect(revokedUrl, TOKENS.read);
      const client = await LiveTestClient.connect(revokedUrl, secret);
      expect(await gw.deps.tokens.revoke(record.id)).toBe(true);
      expect(await client.closed).toEqual({ code: 4001, reason: 'the token was revoked' });
      expect((await refusedUpgrade(revokedUrl, { authorization: `Bearer ${secret}` })).status).toBe(
        401,
      );
      // Other tokens' sockets stay.
      expect(kept.ws.readyState).toBe(kept.ws.OPEN);
      kept.close();
    } finally {
      await app.close();
    }
  });
});
