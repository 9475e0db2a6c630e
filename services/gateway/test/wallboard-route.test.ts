import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useGateway } from './gateway-fixture.js';

const built = mkdtempSync(join(tmpdir(), 'wallboard-'));
mkdirSync(join(built, 'assets'));
writeFileSync(join(built, 'index.html'), '<!doctype html><title>slawatch</title>');
writeFileSync(join(built, 'assets', 'index-abc123.js'), 'console.log(1)');

const gw = useGateway({ wallboardDir: built });
const unbuilt = useGateway({ wallboardDir: join(built, 'nowhere') });

describe('the wallboard’s static files', () => {
  it('serves the page at / without a token, under a strict content security policy', async () => {
    const page = await gw.app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<title>slawatch</title>');
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    // Revalidated, so a new version shows on the next load; hashed assets kept for good.
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await gw.app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('leaves unknown paths and the API to their own answers', async () => {
    const missing = await gw.app.inject({ url: '/assets/nope.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: 'no route GET /assets/nope.js',
      code: 'SLW_ROUTE_NOT_FOUND',
    });
    expect((await gw.app.inject({ url: '/api/v1/session' })).statusCode).toBe(401);
    expect((await gw.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('says how to build the wallboard when it is not built', async () => {
    const res = await unbuilt.app.inject({ url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
  });
});
