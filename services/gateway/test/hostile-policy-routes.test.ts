import { describe, expect, it } from 'vitest';
import { as, TOKENS, useGateway } from './gateway-fixture.js';

const gw = useGateway();

const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdef'.split('').map((c, i) => `${c}: &${c} [${`*${'abcde'[i]},`.repeat(9)}]`),
].join('\n');

/** An alert route tree 1,000 routes deep, as JSON. */
const deepRoute = (): object => {
  let route: object = { receivers: [] };
  for (let i = 0; i < 1_000; i++) route = { routes: [route] };
  return { policies: [], alerting: { route } };
};

describe('hostile policy documents at the API', () => {
  it('validates a YAML alias bomb as invalid, naming the alias limit, instead of a 500', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/api/v1/policies/validate',
      headers: { ...as(TOKENS.read), 'content-type': 'application/yaml' },
      payload: ALIAS_BOMB,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      valid: false,
      problems: [{ path: '', message: expect.stringMatching(/maxAliasCount/) as unknown }],
    });
  });

  it('validates a route tree 1,000 deep as invalid, naming the depth limit', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/api/v1/policies/validate',
      headers: as(TOKENS.read),
      payload: deepRoute(),
    });
    expect(res.statusCode, res.body).toBe(200);
    const { problems } = res.json<{ problems: { path: string; message: string }[] }>();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/nested deeper than 64 levels/);
  });

  it('answers simulate with either document 400 and the problem', async () => {
    for (const policies of [ALIAS_BOMB, deepRoute()]) {
      const res = await gw.app.inject({
        method: 'POST',
        url: '/api/v1/simulate',
        headers: as(TOKENS.read),
        payload: { policies, events: [] },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<{ problems: { message: string }[] }>().problems[0]!.message).toMatch(
        /maxAliasCount|nested deeper than 64 levels/,
      );
    }
  });
});
