import { describe, expect, it } from 'vitest';
import type { Session } from '../src/api/session';
import { parseLinkParams, wallboardLink } from '../src/state/link-params';
import { resolveView } from '../src/state/resolve-view';
import { parseSavedViews, serializeSavedViews, stepSavedView } from '../src/state/saved-views';

describe('wallboard links', () => {
  it('read the token and the view from the fragment', () => {
    expect(
      parseLinkParams('#token=s3cr%2Bt&tv=1&theme=dark&window=1h&team=emea&rotate=20'),
    ).toEqual({
      token: 's3cr+t',
      tv: true,
      theme: 'dark',
      window: '1h',
      scope: { kind: 'team', value: 'emea' },
      rotateSeconds: 20,
    });
  });

  it('ignore what they cannot use', () => {
    expect(parseLinkParams('#theme=pink&window=forever&rotate=-3&tv=')).toEqual({});
    expect(parseLinkParams('')).toEqual({});
    expect(parseLinkParams('?rotate=1').rotateSeconds).toBe(5);
  });

  it('round-trip, saved views included', () => {
    const views = [
      { name: 'EMEA', scope: { kind: 'team', value: 'emea' }, window: '1h' },
      { name: 'Everyone, today', scope: { kind: 'all' }, window: '24h' },
    ] as const;
    const link = wallboardLink('https://sla.example/board/#old', {
      token: 'a&b=c',
      tv: true,
      window: '15m',
      scope: { kind: 'queue', value: 'billing' },
      views,
    });
    expect(link.startsWith('https://sla.example/board/#token=a%26b%3Dc&tv=1')).toBe(true);
    const back = parseLinkParams(new URL(link).hash);
    expect(back).toMatchObject({
      token: 'a&b=c',
      tv: true,
      window: '15m',
      scope: { kind: 'queue', value: 'billing' },
    });
    expect(back.views).toEqual(views);
  });
});

describe('saved views', () => {
  const a = { name: 'A', scope: { kind: 'all' }, window: '1h' } as const;
  const b = { name: 'B', scope: { kind: 'team', value: 'us' }, window: '1h' } as const;
  const c = { name: 'C', scope: { kind: 'queue', value: 'vip' }, window: '24h' } as const;

  it('survive storage, and junk in it is skipped', () => {
    expect(parseSavedViews(serializeSavedViews([a, b]))).toEqual([a, b]);
    expect(parseSavedViews('[["X","nonsense","1h"],7,["A","all","1h"],["A","all","7d"]]')).toEqual([
      a,
    ]);
    expect(parseSavedViews('{')).toEqual([]);
  });

  it('step round, from a view that is not saved to the first (or last)', () => {
    expect(stepSavedView([a, b, c], a, 1)).toBe(b);
    expect(stepSavedView([a, b, c], c, 1)).toBe(a);
    expect(stepSavedView([a, b, c], a, -1)).toBe(c);
    const elsewhere = { scope: { kind: 'team', value: 'apac' }, window: '7d' } as const;
    expect(stepSavedView([a, b, c], elsewhere, 1)).toBe(a);
    expect(stepSavedView([a, b, c], elsewhere, -1)).toBe(c);
    expect(stepSavedView([], a, 1)).toBeNull();
  });
});

describe('resolveView', () => {
  const session = (teams: string[] | null): Session => ({
    name: 'wall',
    scopes: ['read'],
    teams,
    windows: ['15m', '1h', '24h', '7d'],
    choices: { team: teams ?? ['emea', 'us'], queue: teams ? [] : ['billing'] },
  });

  it('keeps what the token may show, starting on the last hour', () => {
    expect(resolveView({}, session(null))).toEqual({ scope: { kind: 'all' }, window: '1h' });
    const queue = { kind: 'queue', value: 'billing' } as const;
    expect(resolveView({ scope: queue, window: '7d' }, session(null))).toEqual({
      scope: queue,
      window: '7d',
    });
    expect(resolveView({ window: '8h' }, session(null)).window).toBe('1h');
  });

  it('narrows a token limited to teams to one of its teams', () => {
    expect(resolveView({}, session(['us', 'emea'])).scope).toEqual({ kind: 'team', value: 'us' });
    expect(
      resolveView({ scope: { kind: 'team', value: 'emea' } }, session(['us', 'emea'])).scope,
    ).toEqual({ kind: 'team', value: 'emea' });
    expect(
      resolveView({ scope: { kind: 'queue', value: 'billing' } }, session(['us'])).scope,
    ).toEqual({ kind: 'team', value: 'us' });
  });
});
